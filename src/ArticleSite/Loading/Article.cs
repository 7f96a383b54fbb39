using System.IO.Hashing;

namespace ArticleSite.Loading;

/// <summary>
/// One article as the site keeps it between requests: its metadata, word count and where its text is, with a hash of the
/// bytes it was read from. Not its Markdown nor its syntax tree: a body is parsed again when it is rendered
/// (<see cref="Parse"/>), so that an archive of 100,000 articles keeps only what lists, feeds and lookups need.
/// </summary>
/// <param name="FilePath">The file the article is read from, relative to the content folder.</param>
public sealed record Article(ArticleMetadata Metadata, string FilePath)
{
    /// <summary>When the article last changed, as its front matter declares (never the file's time, which differs between checkouts).</summary>
    public DateTimeOffset LastModified => Metadata.Modified.Instant;

    /// <summary>The words (and CJK characters) of the body's text (headings, paragraphs, list items, quotations, table cells, captions; not code), counted once when the file is read.</summary>
    public ReadingTime Reading { get; init; }

    /// <summary>The words of the body, each Chinese, Japanese or Korean character counting as one.</summary>
    public int WordCount => Reading.Units;

    /// <summary>Minutes a reader needs at <see cref="ReadingTime.WordsPerMinute"/> (and CJK characters at their own rate), rounded up, at least one.</summary>
    public int ReadingMinutes => Reading.Minutes;

    /// <summary>The 128-bit XXH3 hash of the bytes the article was read from, which name this version of it: a rendered body is kept under it.</summary>
    public UInt128 VersionHash { get; init; }

    /// <summary>Where the text is read again from when a body is rendered.</summary>
    public required ArticleRereader Rereader { get; init; }

    /// <summary>The article with its Markdown and syntax tree, read and parsed again within the content budgets.</summary>
    /// <exception cref="ContentException">The file no longer holds these bytes, and what it holds now cannot be published.</exception>
    public ParsedArticle Parse() => Rereader.Parse(this);

    /// <summary>The hash <see cref="VersionHash"/> holds, of a file's bytes or a text's UTF-8.</summary>
    public static UInt128 HashOf(ReadOnlySpan<byte> bytes) => XxHash128.HashToUInt128(bytes);
}

/// <summary>An article with the Markdown it was parsed from and its syntax tree: what rendering its body needs, never kept.</summary>
public sealed record ParsedArticle(Article Article, string Markdown, Markdig.Syntax.MarkdownDocument Document)
{
    public ArticleMetadata Metadata => Article.Metadata;

    public string FilePath => Article.FilePath;

    public int WordCount => Article.WordCount;

    public int ReadingMinutes => Article.ReadingMinutes;

    public DateTimeOffset LastModified => Article.LastModified;

    /// <summary>What the file holds that is published only in part: template calls of other tools the site does not understand.</summary>
    public IReadOnlyList<ContentException> Problems { get; init; } = [];
}
