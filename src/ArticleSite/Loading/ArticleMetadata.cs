using System.Globalization;

namespace ArticleSite.Loading;

/// <summary>What the front matter says about an article.</summary>
public sealed record ArticleMetadata(
    string Title,
    string Summary,
    DateOnly Date,
    string Slug,
    string Language,
    string? Source,
    string? Section)
{
    /// <summary>True when the front matter says <c>lead: true</c>: the article the front page shows in full.</summary>
    public bool Lead { get; init; }

    /// <summary>The date as readers write it, e.g. "1 November 2025".</summary>
    public string DisplayDate => Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The date as machines read it (ISO 8601), e.g. "2025-11-01".</summary>
    public string IsoDate => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Where the article comes from, e.g. "Source: thefoxdaily.com, Latest World"; null when the front matter names no source.</summary>
    public string? Credit => Source is null ? null
        : Section is null ? $"Source: {Source}"
        : $"Source: {Source}, {Section}";
}
