using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What the article page template needs: the article, its body already rendered by Markdig, and the stylesheet.</summary>
public sealed record ArticlePageModel(Article Article, HtmlString Body, HtmlString Css);
