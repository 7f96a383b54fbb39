namespace ArticleSite.Loading;

/// <summary>Where an article's text is read again from, when one of its bodies is rendered.</summary>
public abstract class ArticleRereader
{
    /// <summary>The article with its Markdown and syntax tree.</summary>
    public abstract ParsedArticle Parse(Article article);

    /// <summary>A text held in memory: an article parsed from a string (checks, tests, benchmarks), small and few.</summary>
    public static ArticleRereader OfText(string text) => new TextRereader(text);

    /// <summary>A text read when the article is parsed: the same text the publisher saw.</summary>
    private sealed class TextRereader(string text) : ArticleRereader
    {
        public override ParsedArticle Parse(Article article) => ArticleParser.Parse(text, article.FilePath) with { Article = article };
    }
}

/// <summary>
/// The articles' files in a content folder (one rereader for all of them), each read again within the same budgets as when it was published. Only the bytes
/// that were published are rendered: a file saved since may be half-written, or hold a version that cannot be published.
/// When it no longer holds them, the bytes kept in the article index under the published hash are rendered instead
/// (<paramref name="stored"/>; none when the site keeps nothing on disk).
/// </summary>
internal sealed class FolderRereader(string folder, ContentLimits limits, RawHtml rawHtml, IndexDatabase? stored = null) : ArticleRereader
{
    /// <summary>What the bytes remembered by <see cref="Remember"/> may take: a handful of articles being edited.</summary>
    private const long JustReadBudget = 16L * 1024 * 1024;

    private readonly Lock justReadLock = new();

    /// <summary>
    /// The bytes of the versions a reload read, by hash, until the index keeps them: a file saved again at once (an
    /// editor's autosave, a sync tool) holds none of the published bytes by the time its page is rendered.
    /// </summary>
    private readonly Dictionary<UInt128, byte[]> justRead = [];

    private long justReadBytes;

    /// <summary>Keeps the bytes of a version a reload read, until <see cref="Kept"/>; past the budget, those kept before are let go.</summary>
    public void Remember(UInt128 hash, byte[] bytes)
    {
        lock (justReadLock)
        {
            if (justReadBytes + bytes.Length > JustReadBudget)
            {
                justRead.Clear();
                justReadBytes = 0;
            }
            if (justRead.TryAdd(hash, bytes))
                justReadBytes += bytes.Length;
        }
    }

    /// <summary>The bytes of a version a reload read, while they are remembered.</summary>
    public byte[]? Recall(UInt128 hash)
    {
        lock (justReadLock)
            return justRead.GetValueOrDefault(hash);
    }

    /// <summary>The index keeps these bytes now: memory need not.</summary>
    public void Kept(UInt128 hash)
    {
        lock (justReadLock)
        {
            if (justRead.Remove(hash, out var bytes))
                justReadBytes -= bytes.Length;
        }
    }

    /// <exception cref="ArticleChangedException">Neither the file, nor memory, nor the index holds the bytes that were published.</exception>
    public override ParsedArticle Parse(Article article)
    {
        var entry = new ArticleEntry(article.FilePath, new FileStamp(Path.Join(folder, article.FilePath), 0, default));
        try
        {
            var parsed = ArticleFile.Load(entry, limits, rawHtml, article.Metadata.Media, this);
            if (parsed.Article.VersionHash == article.VersionHash)
                return parsed with { Article = article };
        }
        catch (ContentException)
        {
            // Its bytes are no longer those published: the kept ones are rendered, if there are any.
        }
        return FromBytes(entry, article, Recall(article.VersionHash))
            ?? FromBytes(entry, article, stored?.ReadVersion(article.VersionHash, article.FilePath, bytes => ArticleFile.HashOf(bytes, article.Metadata.Media) == article.VersionHash))
            ?? throw new ArticleChangedException(article.FilePath);
    }

    private ParsedArticle? FromBytes(ArticleEntry entry, Article article, byte[]? bytes)
    {
        if (bytes is null)
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
internal sealed class ArticleChangedException(string path) : Exception($"{path}: changed since it was published")
{
    public string Path { get; } = path;
}
