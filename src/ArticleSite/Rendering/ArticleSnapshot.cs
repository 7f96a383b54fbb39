using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>Everything served for an article, rendered once: requests only read it, so it never changes after it is made.</summary>
public sealed class ArticleSnapshot
{
    private ArticleSnapshot(Article article, Representation page, Representation text)
    {
        Article = article;
        Page = page;
        Text = text;
    }

    public Article Article { get; }

    /// <summary>The HTML page.</summary>
    public Representation Page { get; }

    /// <summary>The plain text.</summary>
    public Representation Text { get; }

    public static async Task<ArticleSnapshot> RenderAsync(Article article) => new(
        article,
        Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article)),
        Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)));
}
