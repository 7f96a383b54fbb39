using System.Text;

namespace ArticleSite.Loading;

/// <summary>Where an article's text is read again from, when one of its bodies is rendered.</summary>
public abstract class ArticleSource
{
    /// <summary>The article with its Markdown and syntax tree.</summary>
    public abstract ParsedArticle Parse(Article article);

    /// <summary>A text held in memory: an article parsed from a string (checks, tests, benchmarks), small and few.</summary>
    public static ArticleSource OfText(string text) => new TextSource(text);

    /// <summary>A text read when the article is parsed: the same text the publisher saw.</summary>
    private sealed class TextSource(string text) : ArticleSource
    {
        public override ParsedArticle Parse(Article article) => ArticleParser.Parse(text, article.SourcePath) with { Article = article };
    }
}

/// <summary>
/// An article's file in the content folder, read again within the same budgets as when it was published. When its bytes
/// are no longer those published (it was saved since, and the watcher is about to publish it, or it was saved with a
/// problem and its last good version stays published), what it holds now is rendered if it can be published; the
/// bodies of the last good version stay served while the rendered-body store keeps them (docs/content.md, Live publishing).
/// </summary>
public sealed class FileSource(string fullPath, ContentLimits limits, RawHtml rawHtml) : ArticleSource
{
    public override ParsedArticle Parse(Article article)
    {
        var parsed = ArticleFile.Load(new ArticleEntry(fullPath, article.SourcePath, 0, default), limits, rawHtml);
        return parsed.Article.SourceHash == article.SourceHash ? parsed with { Article = article } : parsed;
    }
}
