using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What an error page (404, 410 …) shows: the status and its reason, under the site's masthead.</summary>
public sealed record StatusPageModel(int Status, string Reason, SiteIdentity Site, int Articles, HtmlString Css)
{
    /// <summary>What the link home leads to: the article itself on a site of one, the front page on a site of several.</summary>
    public string HomeLink => Articles == 1 ? "Read the article" : "Go to the front page";

    /// <summary>The masthead's words, in the site's language.</summary>
    public PageWords Words => PageWords.For(Site.Language);

    /// <summary>The status line and the link home are English, whatever the site's language: said so where it is another.</summary>
    public string? MainLanguage => PageWords.For(Site.Language).Language == "en" ? null : "en";
}
