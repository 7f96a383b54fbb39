using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The representations of one article, rendered for one public origin.</summary>
public sealed record ArticleRendition(Representation Page, Representation Text, Representation Markdown, Representation Json)
{
    /// <summary>What the article's page URL offers by content negotiation, the page first.</summary>
    public IReadOnlyList<Representation> Negotiable => [Page, Text, Markdown, Json];

    /// <param name="pagePath">The page's own path, which its canonical URL names.</param>
    public static async Task<ArticleRendition> RenderAsync(Article article, string origin, string pagePath, SiteIdentity? site = null)
    {
        var canonicalUrl = origin + pagePath;
        return new(
            Page: Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article, canonicalUrl, site)),
            Text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)),
            Markdown: Representation.FromText("text/markdown; charset=utf-8", article.Markdown),
            Json: new Representation("application/json", JsonRenderer.Render(article, canonicalUrl)));
    }
}
