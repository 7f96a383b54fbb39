using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The article as a schema.org NewsArticle in JSON-LD. The source names no author, so the source site
/// (front matter <c>source</c>) is given as author and publisher, as an Organization.
/// </summary>
public static class ArticleStructuredData
{
    /// <summary>
    /// JSON that is safe inside a script element: the default JavaScriptEncoder writes &lt;, &gt;, &amp; and quotes as \u escapes,
    /// so a "&lt;/script&gt;" in a title cannot end the block.
    /// </summary>
    public static string Render(Article article, string canonicalUrl, string? sourceUrl)
    {
        var metadata = article.Metadata;
        var source = metadata.Source is { } name ? new Organization(name, sourceUrl) : null;
        var data = new NewsArticle(
            Headline: metadata.Title,
            Description: metadata.Summary,
            DatePublished: metadata.IsoDate,
            DateModified: article.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Author: source,
            Publisher: source,
            MainEntityOfPage: canonicalUrl,
            Url: canonicalUrl,
            ArticleSection: metadata.Section,
            WordCount: article.WordCount,
            InLanguage: metadata.Language);
        return JsonSerializer.Serialize(data, StructuredDataJson.Default.NewsArticle);
    }
}

/// <summary>A schema.org NewsArticle, as much of it as the front matter and body give.</summary>
public sealed record NewsArticle(
    string Headline,
    string Description,
    string DatePublished,
    string DateModified,
    Organization? Author,
    Organization? Publisher,
    string MainEntityOfPage,
    string Url,
    string? ArticleSection,
    int WordCount,
    string InLanguage)
{
    [JsonPropertyName("@context")]
    [JsonPropertyOrder(-2)]
    public string Context => "https://schema.org";

    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type => "NewsArticle";
}

/// <summary>A schema.org Organization: the source site.</summary>
public sealed record Organization(string Name, string? Url)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type => "Organization";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewsArticle))]
internal sealed partial class StructuredDataJson : JsonSerializerContext;
