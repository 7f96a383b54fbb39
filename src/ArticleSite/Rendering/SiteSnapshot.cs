using System.Collections.Concurrent;
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

    public SiteSnapshot(IReadOnlyList<Article> articles)
    {
        if (articles.Count == 0)
            throw new ArgumentException("A snapshot needs at least one article.", nameof(articles));
        Articles = [.. articles.OrderByDescending(article => article.Metadata.Date).ThenBy(article => article.SourcePath, StringComparer.Ordinal)];
    }

    /// <summary>The articles, newest first.</summary>
    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The article the home page shows: the newest.</summary>
    public Article Lead => Articles[0];

    public Task<RenderedSite> ForOriginAsync(string origin)
    {
        Interlocked.CompareExchange(ref firstOrigin, origin, null);
        if (renderedByOrigin.Count >= MaxOrigins && !renderedByOrigin.ContainsKey(origin))
            origin = firstOrigin;
        return renderedByOrigin.GetOrAdd(origin, key => new Lazy<Task<RenderedSite>>(() => SiteRenderer.RenderAsync(this, key))).Value;
    }
}
