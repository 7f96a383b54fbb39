using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The representations of one article, rendered for one public origin.</summary>
public sealed record ArticleRendition(Representation Page, Representation Text)
{
    public static async Task<ArticleRendition> RenderAsync(Article article, string origin)
    {
        _ = origin; // reserved for the absolute URLs of the canonical link and metadata
        return new ArticleRendition(
            Page: Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article)),
            Text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)));
    }
}
