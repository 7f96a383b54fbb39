using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>One article as read from its file: metadata, the Markdown as published and its parsed syntax tree.</summary>
public sealed record Article(
    ArticleMetadata Metadata,
    string Markdown,
    MarkdownDocument Document,
    string SourcePath)
{
    /// <summary>When the article last changed, as its front matter declares (never the file's time, which differs between checkouts).</summary>
    public DateTimeOffset LastModified => Metadata.Modified.Instant;

    /// <summary>An unhurried adult reading rate for news prose: every reading time of the site assumes it.</summary>
    public const int WordsPerMinute = 230;

    /// <summary>The words of the body's text (headings, paragraphs, list items, quotations, table cells, captions; not code), counted once when the file is read.</summary>
    public int WordCount { get; init; }

    /// <summary>Minutes a reader needs at <see cref="WordsPerMinute"/>, rounded up, at least one.</summary>
    public int ReadingMinutes => Math.Max(1, (WordCount + WordsPerMinute - 1) / WordsPerMinute);
}
