using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>One article as read from its file: metadata, the Markdown as published and its parsed syntax tree.</summary>
public sealed record Article(
    ArticleMetadata Metadata,
    string Markdown,
    MarkdownDocument Document,
    string SourcePath,
    DateTimeOffset LastModified);
