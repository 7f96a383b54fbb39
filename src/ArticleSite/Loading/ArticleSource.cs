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
/// An article's file in the content folder, read again within the same budgets as when it was published. Only the bytes
/// that were published are rendered: a file saved since may be half-written, or hold a version that cannot be published.
/// </summary>
public sealed class FileSource(string fullPath, ContentLimits limits, RawHtml rawHtml) : ArticleSource
{
    /// <exception cref="ArticleChangedException">The file no longer holds the bytes that were published.</exception>
    public override ParsedArticle Parse(Article article)
    {
        try
        {
            var parsed = ArticleFile.Load(new ArticleEntry(fullPath, article.SourcePath, 0, default), limits, rawHtml, article.Metadata.Media);
            return parsed.Article.SourceHash == article.SourceHash ? parsed with { Article = article } : throw new ArticleChangedException(article.SourcePath);
        }
        catch (ContentException)
        {
            throw new ArticleChangedException(article.SourcePath);
        }
    }
}

/// <summary>
/// An article's file no longer holds the bytes its snapshot published, and its rendered bodies are not in memory: the
/// watcher publishes what it holds now once it has settled, or reports its problem and keeps the article as it was.
/// </summary>
public sealed class ArticleChangedException(string path) : Exception($"{path}: changed since it was published")
{
    public string Path { get; } = path;
}
