using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What the page of every tag needs: the tags by name with their articles, the site, its origin and the stylesheet.</summary>
public sealed record TagsPageModel(IReadOnlyList<Tag> Tags, SiteIdentity Site, string Origin, HtmlString Css)
{
    public PageWords Words => PageWords.For(Site.Language);

    public string CanonicalUrl => Origin + SiteRoutes.Tags;
}
