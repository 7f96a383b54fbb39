using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What the archive page template needs: every article, newest first, its own URL and the stylesheet.</summary>
public sealed record ArchivePageModel(IReadOnlyList<Article> Articles, string CanonicalUrl, HtmlString Css)
{
    public string SiteName => PageRenderer.SiteName;
}
