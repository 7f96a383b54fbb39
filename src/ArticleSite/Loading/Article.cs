using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>One article as read from its file: metadata, the Markdown as published and its parsed syntax tree.</summary>
public sealed record Article(
    ArticleMetadata Metadata,
    string Markdown,
    MarkdownDocument Document,
    string SourcePath,
    DateTimeOffset LastModified)
{
    /// <summary>The words of the body, counted once when the file is read.</summary>
    public int WordCount { get; init; }

    /// <summary>Minutes a reader needs at 200 words a minute, at least one.</summary>
    public int ReadingMinutes => Math.Max(1, (WordCount + 199) / 200);
}
