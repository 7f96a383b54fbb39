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
    public const int WordsPerMinute = ReadingTime.WordsPerMinute;

    /// <summary>The words (and CJK characters) of the body's headings and paragraphs, counted once when the file is read.</summary>
    public ReadingTime Reading { get; init; }

    /// <summary>The words of the body, each Chinese, Japanese or Korean character counting as one.</summary>
    public int WordCount => Reading.Units;

    /// <summary>Minutes a reader needs at <see cref="ReadingTime.WordsPerMinute"/> (and CJK characters at their own rate), rounded up, at least one.</summary>
    public int ReadingMinutes => Reading.Minutes;
}
