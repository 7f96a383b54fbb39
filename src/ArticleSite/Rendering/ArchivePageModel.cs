using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>
/// What an archive page template needs: its articles, newest first, which page it is of how many, its origin and the
/// stylesheet; with a <see cref="Tag"/>, it is a page of that tag's articles instead of all of them.
/// </summary>
public sealed record ArchivePageModel(IReadOnlyList<Article> Articles, int Page, int PageCount, string Origin, HtmlString Css)
{
    /// <summary>Articles on one archive page: as many as the front page lists, so a page stays about 23 KB (docs/http.md).</summary>
    public const int PageLength = PageRenderer.FrontPageListLength;

    public SiteIdentity Site { get; init; } = SiteIdentity.Default;

    /// <summary>The tag whose articles the page lists; null for the archive of every article.</summary>
    public Tag? Tag { get; init; }

    public string SiteName => Site.Name;

    /// <summary>The page's own words, in the site's language.</summary>
    public PageWords Words => PageWords.For(Site.Language);

    /// <summary>Each page names itself as canonical: its articles are not on any other page.</summary>
    public string CanonicalUrl => Origin + Path;

    /// <summary>The page's own path, as links write it.</summary>
    public string Path => PathOf(Page);

    /// <summary>The page of newer articles; null on the first.</summary>
    public string? PreviousPath => Page > 1 ? PathOf(Page - 1) : null;

    /// <summary>The page of older articles; null on the last.</summary>
    public string? NextPath => Page < PageCount ? PathOf(Page + 1) : null;

    /// <summary>The page's heading, e.g. "All articles" or "Tagged “release”".</summary>
    public string Heading => Tag is null ? Words["all-articles"] : Words.Format("tag-title", Tag.Name);

    /// <summary>The page's title before the site's name: its heading, with its page number after the first.</summary>
    public string Title => (Tag, Page) switch
    {
        (null, 1) => Words["all-articles"],
        (null, _) => Words.Format("all-articles-page", Page, PageCount),
        (_, 1) => Words.Format("tag-title", Tag.Name),
        _ => Words.Format("tag-title-page", Tag.Name, Page, PageCount),
    };

    public string Description => Tag is null ? Words.Format("every-article", SiteName) : Words.Format("tag-description", Tag.Name);

    /// <summary>The feed of what the page lists: the tag's own feed on a tag's pages.</summary>
    public string FeedPath => Tag is null ? SiteRoutes.Feed : SiteRoutes.TagFeed(Tag.Slug);

    public string FeedTitle => Tag is null ? SiteName : $"{SiteName} · {Tag.Name}";

    private string PathOf(int page) => Tag is null ? SiteRoutes.ArchivePage(page) : SiteRoutes.TagPage(Tag.Slug, page);

    /// <summary>How many pages the archive has for this many articles.</summary>
    public static int PagesFor(int articles) => (articles + PageLength - 1) / PageLength;
}
