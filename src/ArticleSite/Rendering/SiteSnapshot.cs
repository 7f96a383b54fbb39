using System.Collections.Concurrent;
using System.Collections.Frozen;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The published articles at one moment, and what they render to. Immutable once made: a content change makes a new snapshot.
/// Resources are rendered once per public origin, on the first request from it.
/// </summary>
public sealed class SiteSnapshot
{
    /// <summary>More origins than a site has names means a client is inventing Host headers: they share the first rendering.</summary>
    private const int MaxOrigins = 16;

    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedSite>>> renderedByOrigin = new(StringComparer.OrdinalIgnoreCase);

    private string? firstOrigin;

    private readonly FrozenSet<string> withdrawnPaths;

    /// <param name="articles">What is published.</param>
    /// <param name="withdrawnSlugs">Slugs published earlier by this process and no longer: their URLs answer 410 Gone.</param>
    public SiteSnapshot(IReadOnlyList<Article> articles, IEnumerable<string>? withdrawnSlugs = null)
    {
        if (articles.Count == 0)
            throw new ArgumentException("A snapshot needs at least one article.", nameof(articles));
        Articles = [.. articles.OrderByDescending(article => article.Metadata.Date).ThenBy(article => article.SourcePath, StringComparer.Ordinal)];
        Lead = Articles.FirstOrDefault(article => article.Metadata.Lead) ?? Articles[0];
        Others = [.. Articles.Where(article => !ReferenceEquals(article, Lead))];
        withdrawnPaths = (withdrawnSlugs ?? []).SelectMany(SiteRoutes.OfArticle).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The articles, newest first.</summary>
    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The article the home page shows: the newest of those marked <c>lead: true</c>, else the newest.</summary>
    public Article Lead { get; }

    /// <summary>Every article but the lead, newest first.</summary>
    public IReadOnlyList<Article> Others { get; }

    /// <summary>Counts the snapshots a process publishes; part of the output-cache key, so entries of an older snapshot are never served.</summary>
    public long Generation { get; init; }

    /// <summary>Files that cannot be published as they are now, each with its reason.</summary>
    public IReadOnlyList<ContentException> Problems { get; init; } = [];

    /// <summary>True for a URL of an article that this process published before and is no longer published.</summary>
    public bool IsWithdrawn(string path) => withdrawnPaths.Contains(path);

    public Task<RenderedSite> ForOriginAsync(string origin)
    {
        Interlocked.CompareExchange(ref firstOrigin, origin, null);
        if (renderedByOrigin.Count >= MaxOrigins && !renderedByOrigin.ContainsKey(origin))
            origin = firstOrigin;
        return renderedByOrigin.GetOrAdd(origin, key => new Lazy<Task<RenderedSite>>(() => Task.Run(() => SiteRenderer.RenderAsync(this, key)))).Value;
    }
}
