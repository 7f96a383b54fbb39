using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArticleSite.Rendering;

/// <summary>The article as JSON (<c>/article.json</c>): its metadata and its sections as plain text.</summary>
public sealed record ArticleJson(
    string Title,
    string Summary,
    DateOnly Date,
    string? Source,
    string? Section,
    string Language,
    DateOnly? Updated,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Tags,
    int WordCount,
    int ReadingTimeMinutes,
    string CanonicalUrl,
    IReadOnlyList<ArticleJsonSection> Sections);

/// <summary>One section of the article: its heading (null before the first heading) and its paragraphs as plain text.</summary>
public sealed record ArticleJsonSection(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>Source-generated serialization of <see cref="ArticleJson"/>, so no reflection is needed (Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ArticleJson))]
public sealed partial class ArticleJsonContext : JsonSerializerContext;
