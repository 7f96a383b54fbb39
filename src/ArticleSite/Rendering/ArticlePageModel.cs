using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What the article page template needs: the article, its body already rendered by Markdig, and the stylesheet.</summary>
public sealed record ArticlePageModel(Article Article, HtmlString Body, HtmlString Css)
{
    /// <summary>The other articles, newest first, listed at the end of the front page; empty on an article's own page.</summary>
    public IReadOnlyList<Article> Others { get; init; } = [];
}
