using ArticleSite.Loading;
using ArticleSite.Operations;

namespace ArticleSite.Rendering;

/// <summary>
/// The article bodies rendered lately, within a byte budget: the least recently asked for go first. A body is kept under
/// its origin, its file and the hash of the bytes it was rendered from, so that it outlives the snapshot it was asked in:
/// an edit to one article renders that article again, not the others. One store serves every snapshot of a process.
/// </summary>
/// <param name="budget">The bytes the kept bodies may take, counted as <see cref="CostOf"/> says (<see cref="ContentOptions.RenderedBodyBudget"/>).</param>
/// <param name="metrics">Where each body rendered is counted.</param>
/// <param name="site">The identity every page names (masthead, publisher): a store holds the bodies of one identity; null for the default.</param>
internal sealed class RenderedBodies(long budget, SiteMetrics metrics, SiteIdentity? site = null)
{
    public const long DefaultBudget = ContentOptions.DefaultRenderedBodyBudget;

    private readonly Lock gate = new();

    private readonly Dictionary<Key, LinkedListNode<Entry>> entries = [];

    /// <summary>Most recently asked for first.</summary>
    private readonly LinkedList<Entry> recency = new();

    private long bytes;

    public long Budget => budget;

    /// <summary>The identity the kept bodies were rendered with.</summary>
    public SiteIdentity Site { get; } = site ?? SiteIdentity.Default;

    /// <summary>The bytes the kept bodies count for.</summary>
    public long Bytes { get { lock (gate) return bytes; } }

    /// <summary>Articles whose bodies are kept, made or being made.</summary>
    public int Count { get { lock (gate) return entries.Count; } }

    /// <summary>Bodies let go to stay within the budget, since the process started.</summary>
    public long Evicted { get { lock (gate) return evicted; } }

    private long evicted;

    /// <summary>
    /// What a rendition counts for: its identity bytes and the page once more (as put together with its links), twice,
    /// the Brotli and gzip copies made when asked for being together about as large as the text they compress (each is
    /// a quarter to a third of it).
    /// </summary>
    public static long CostOf(ArticleRendition rendition) => (rendition.IdentityBytes + rendition.PageBytes) * 2;

    /// <summary>The article's bodies for an origin: kept ones at once, else rendered (once, on the thread pool) and kept.</summary>
    /// <param name="path">The URL asked for, remembered so that a new snapshot can render what readers were reading; null for none.</param>
    /// <param name="translations">The article's versions in other languages, which its page links: a body is kept under them too.</param>
    public Task<ArticleRendition> GetAsync(Article article, string origin, string? path, IReadOnlyList<Translation>? translations = null)
    {
        translations ??= [];
        var key = new Key(origin, article.FilePath, article.VersionHash, string.Join(' ', translations.Select(version => $"{version.Language}={version.Slug}")));
        Entry entry;
        bool added;
        lock (gate)
        {
            added = !entries.TryGetValue(key, out var node);
            if (added)
            {
                entry = new Entry(key, article, new MadeOnce<ArticleRendition>(async () =>
                {
                    metrics.Rendered();
                    return await ArticleRendition.RenderAsync(article.Parse(), origin, SiteRoutes.ArticlePage(article.Metadata.Slug), Site, translations);
                }));
                entries[key] = recency.AddFirst(entry);
            }
            else
            {
                entry = node!.Value;
                recency.Remove(node);
                recency.AddFirst(node);
            }
            if (path is not null)
                entry.AskedPaths.Add(path);
        }

        var making = entry.Rendition.Value;
        if (added)
            _ = making.ContinueWith(made => Settle(entry, made), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return making;
    }

    /// <summary>The bodies made for an origin, most recently asked for first, with the URLs they were asked at.</summary>
    public IReadOnlyList<(Article Article, ArticleRendition Rendition, IReadOnlyList<string> Paths)> MadeFor(string origin)
    {
        lock (gate)
        {
            return [.. recency.Where(entry => entry.Key.Origin == origin && entry.Rendition.IsMade)
                .Select(entry => (entry.Article, entry.Rendition.Value.Result, (IReadOnlyList<string>)[.. entry.AskedPaths]))];
        }
    }

    /// <summary>Counts a made rendition in, then lets the least recently asked for go until the budget holds; forgets a failed one, to try again on the next request.</summary>
    private void Settle(Entry entry, Task<ArticleRendition> made)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(entry.Key, out var node) || !ReferenceEquals(node.Value, entry))
                return;
            if (!made.IsCompletedSuccessfully)
            {
                Remove(node);
                return;
            }
            entry.Cost = CostOf(made.Result);
            bytes += entry.Cost;
            while (bytes > budget && recency.Last is { } last)
            {
                Remove(last);
                evicted++;
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        recency.Remove(node);
        entries.Remove(node.Value.Key);
        bytes -= node.Value.Cost;
    }

    private readonly record struct Key(string Origin, string FilePath, UInt128 Hash, string Translations);

    private sealed class Entry(Key key, Article article, MadeOnce<ArticleRendition> rendition)
    {
        public Key Key => key;

        public Article Article => article;

        public MadeOnce<ArticleRendition> Rendition => rendition;

        /// <summary>Counted once made; zero while being made.</summary>
        public long Cost { get; set; }

        public HashSet<string> AskedPaths { get; } = new(StringComparer.Ordinal);
    }
}
