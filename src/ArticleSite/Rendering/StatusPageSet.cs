using System.Collections.Concurrent;
using System.Text;

namespace ArticleSite.Rendering;

/// <summary>
/// A snapshot's error pages (404, 410 …) under its masthead: each rendered on the first request for its status and kept
/// with the snapshot, and compressed in each coding on the first request for it, so a crawler probing random URLs costs
/// a lookup, not a rendering. A new snapshot, which may name the site otherwise, renders its own.
/// </summary>
internal sealed class StatusPageSet
{
    /// <summary>
    /// Requests meet a handful of statuses (400, 404, 405, 410, 413 …); beyond this many, a page is rendered for its one
    /// answer and not kept, so that at most this many pages, each in three codings, stay with a snapshot.
    /// </summary>
    private const int MaxKeptStatuses = 16;

    private readonly ConcurrentDictionary<int, MadeOnce<Representation>> byStatus = new();

    /// <summary>The page of a status, rendered for <paramref name="site"/> and <paramref name="articles"/>, those of the snapshot that holds this set.</summary>
    public Task<Representation> PageAsync(int status, string reason, SiteIdentity site, int articles)
    {
        if (byStatus.TryGetValue(status, out var kept))
            return kept.Value;
        if (byStatus.Count >= MaxKeptStatuses)
            return Task.Run(async () => Representation.ForOneAnswer(ContentType, Encoding.UTF8.GetBytes(await PageRenderer.RenderStatusAsync(status, reason, site, articles))));
        return byStatus.GetOrAdd(status, _ => new MadeOnce<Representation>(async () =>
            Representation.FromText(ContentType, await PageRenderer.RenderStatusAsync(status, reason, site, articles)))).Value;
    }

    private const string ContentType = "text/html; charset=utf-8";
}
