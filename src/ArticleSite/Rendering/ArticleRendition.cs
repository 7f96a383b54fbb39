using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The representations of one article, rendered for one public origin.</summary>
public sealed record ArticleRendition(Representation Page, Representation Text)
{
    /// <param name="pagePath">The page's own path, which its canonical URL names.</param>
    public static async Task<ArticleRendition> RenderAsync(Article article, string origin, string pagePath) =>
        new(Page: Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article, origin + pagePath)),
            Text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)));
}
