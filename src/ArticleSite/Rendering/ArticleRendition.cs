using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The representations of one article, rendered for one public origin.</summary>
public sealed record ArticleRendition(Representation Page, Representation Text, Representation Markdown, Representation Json)
{
    public static async Task<ArticleRendition> RenderAsync(Article article, string origin) =>
        new(
            Page: Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article)),
            Text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)),
            Markdown: Representation.FromText("text/markdown; charset=utf-8", article.Markdown),
            Json: new Representation("application/json", JsonRenderer.Render(article, origin + SiteRoutes.Home)));
}
