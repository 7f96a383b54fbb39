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
/// The articles' files in a content folder (one source for all of them), each read again within the same budgets as when it was published. Only the bytes
/// that were published are rendered: a file saved since may be half-written, or hold a version that cannot be published.
/// When it no longer holds them, the bytes kept in the article index under the published hash are rendered instead
/// (<paramref name="stored"/>; none when the site keeps nothing on disk).
/// </summary>
public sealed class FileSource(string folder, ContentLimits limits, RawHtml rawHtml, IndexDatabase? stored = null) : ArticleSource
{
    /// <exception cref="ArticleChangedException">Neither the file nor the index holds the bytes that were published.</exception>
    public override ParsedArticle Parse(Article article)
    {
        var entry = new ArticleEntry(Path.Join(folder, article.SourcePath), article.SourcePath, 0, default);
        try
        {
            var parsed = ArticleFile.Load(entry, limits, rawHtml, article.Metadata.Media, this);
            if (parsed.Article.SourceHash == article.SourceHash)
                return parsed with { Article = article };
        }
        catch (ContentException)
        {
            // Its bytes are no longer those published: the kept ones are rendered, if there are any.
        }
        return FromStore(entry, article) ?? throw new ArticleChangedException(article.SourcePath);
    }

    private ParsedArticle? FromStore(ArticleEntry entry, Article article)
    {
        if (stored?.ReadSource(article.SourceHash, article.SourcePath, bytes => ArticleFile.HashOf(bytes, article.Metadata.Media) == article.SourceHash) is not { } bytes)
            return null;
        try
        {
            return ArticleFile.Parse(bytes, entry, limits, rawHtml, article.Metadata.Media, this, limits.FileDeadlineFromNow()) with { Article = article };
        }
        catch (ContentException)
        {
            return null;
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
