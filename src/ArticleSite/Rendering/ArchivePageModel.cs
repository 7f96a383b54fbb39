using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What an archive page template needs: its articles, newest first, which page it is of how many, its origin and the stylesheet.</summary>
public sealed record ArchivePageModel(IReadOnlyList<Article> Articles, int Page, int PageCount, string Origin, HtmlString Css)
{
    /// <summary>Articles on one archive page: as many as the front page lists, so a page stays about 23 KB (docs/http.md).</summary>
    public const int PageLength = PageRenderer.FrontPageListLength;

    public string SiteName => PageRenderer.SiteName;

    /// <summary>Each page names itself as canonical: its articles are not on any other page.</summary>
    public string CanonicalUrl => Origin + SiteRoutes.ArchivePage(Page);

    /// <summary>The page of newer articles; null on the first.</summary>
    public string? PreviousPath => Page > 1 ? SiteRoutes.ArchivePage(Page - 1) : null;

    /// <summary>The page of older articles; null on the last.</summary>
    public string? NextPath => Page < PageCount ? SiteRoutes.ArchivePage(Page + 1) : null;

    /// <summary>How many pages the archive has for this many articles.</summary>
    public static int PagesFor(int articles) => (articles + PageLength - 1) / PageLength;
}
