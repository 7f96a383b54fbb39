using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The article as a schema.org NewsArticle in JSON-LD: its authors as Persons; the source site (front matter
/// <c>source</c>) as publisher, an Organization, and as author too when the front matter names no author; without a
/// source, the site itself (<see cref="SiteIdentity.Name"/>) is the publisher. Translated, the version in the site's
/// language is the work, each other one its translation (<c>workTranslation</c>, <c>translationOfWork</c>).
/// </summary>
internal static class ArticleStructuredData
{
    /// <summary>
    /// JSON that is safe inside a script element: the default JavaScriptEncoder writes &lt;, &gt;, &amp; and quotes as \u escapes,
    /// so a "&lt;/script&gt;" in a title cannot end the block.
    /// </summary>
    public static string Render(
        Article article, string canonicalUrl, string? sourceUrl, SiteIdentity? site = null, string? imageUrl = null, IReadOnlyList<TranslationLink>? translations = null)
    {
        translations ??= [];
        var original = translations.FirstOrDefault(version => version.Version.IsDefault);
        var isOriginal = original?.Version.Slug == article.Metadata.Slug;
        var metadata = article.Metadata;
        var source = metadata.Source is { } name ? new Agent("Organization", name, sourceUrl) : null;
        IReadOnlyList<Agent>? authors = metadata.Authors.Count > 0 ? [.. metadata.Authors.Select(PersonOf)]
            : source is not null ? [source]
            : null;
        var data = new NewsArticle(
            Headline: metadata.Title,
            Description: metadata.Summary,
            DatePublished: metadata.IsoDate,
            DateModified: metadata.Modified.Iso,
            Author: authors,
            Publisher: source ?? new Agent("Organization", (site ?? SiteIdentity.Default).Name, null),
            MainEntityOfPage: canonicalUrl,
            Url: canonicalUrl,
            ArticleSection: metadata.Section,
            WordCount: article.WordCount,
            InLanguage: metadata.Language ?? (site ?? SiteIdentity.Default).Language)
        {
            Image = imageUrl,
            WorkTranslation = isOriginal
                ? [.. translations.Where(version => version != original).Select(version => new Work(version.Url, version.Version.Language))]
                : null,
            TranslationOfWork = original is not null && !isOriginal ? new Work(original.Url, original.Version.Language) : null,
        };
        return JsonSerializer.Serialize(data, StructuredDataJson.Default.NewsArticle);
    }

    private static Agent PersonOf(Person author) => new("Person", author.Name, author.Url)
    {
        Affiliation = author.Affiliation is { } organization ? new Agent("Organization", organization, null) : null,
    };
}

/// <summary>A schema.org NewsArticle, as much of it as the front matter and body give.</summary>
internal sealed record NewsArticle(
    string Headline,
    string Description,
    string DatePublished,
    string DateModified,
    IReadOnlyList<Agent>? Author,
    Agent? Publisher,
    string MainEntityOfPage,
    string Url,
    string? ArticleSection,
    int WordCount,
    string InLanguage)
{
    /// <summary>The article's picture, absolute; left out when it has none.</summary>
    public string? Image { get; init; }

    /// <summary>On the version in the site's language, its translations; left out elsewhere.</summary>
    public IReadOnlyList<Work>? WorkTranslation { get; init; }

    /// <summary>On a translation, the version in the site's language; left out elsewhere.</summary>
    public Work? TranslationOfWork { get; init; }

    [JsonPropertyName("@context")]
    [JsonPropertyOrder(-2)]
    public string Context { get; } = "https://schema.org";

    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "NewsArticle";
}

/// <summary>A schema.org Person (an author) or Organization (the source site, an author's affiliation).</summary>
internal sealed record Agent(
    [property: JsonPropertyName("@type"), JsonPropertyOrder(-1)] string Type,
    string Name,
    string? Url)
{
    /// <summary>The organization a person's byline names in parentheses, "(Microsoft)"; left out when it names none.</summary>
    public Agent? Affiliation { get; init; }
}

/// <summary>Another version of the article, named by its URL and language.</summary>
internal sealed record Work(string Url, string InLanguage)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "NewsArticle";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewsArticle))]
internal sealed partial class StructuredDataJson : JsonSerializerContext;
