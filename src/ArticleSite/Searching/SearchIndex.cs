using System.Diagnostics;
using System.Text;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Searching;

/// <summary>
/// Keeps the search index the same as the published snapshot: after each publication, off the request path, it removes
/// the articles no longer published (drafts, embargoed, expired and withdrawn never enter it), and adds those new or
/// changed since they were indexed, newest first, committing every <see cref="Batch"/> so that searches see them as
/// they come. At a restart only what changed is read; at a first start the site serves while it builds, and the health
/// detail says how far it is. Any failure costs search alone: it is logged, searches say so, and the next snapshot
/// tries again from a fresh file.
/// </summary>
internal sealed partial class SearchIndex(SitePublisher publisher, FirstResponse firstResponse, IOptions<CacheFolderOptions> cache, IOptions<SearchOptions> options, TimeProvider time, ILogger<SearchIndex> logger) : BackgroundService
{
    /// <summary>Articles added per transaction: searches see progress every few hundred milliseconds of a first build.</summary>
    private const int Batch = 250;

    /// <summary>
    /// The longest a batch waits for publishing to be quiet (<see cref="SitePublisher.Quiet"/>): a folder that never stops
    /// changing still has its index built, a batch at least this often.
    /// </summary>
    private static readonly TimeSpan LongestYield = TimeSpan.FromSeconds(5);

    private volatile SearchDatabase? database;

    /// <summary>The snapshot whose every article the index holds; null until it does, and after a failure.</summary>
    private SiteSnapshot? followed;

    private long version;
    private volatile string state = "not started";
    private volatile bool building = true;
    private string? failedBecause;

    /// <summary>Moves whenever what the index holds changes: search responses are cached under it.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>True until the index holds every article of a snapshot once: results may miss some.</summary>
    public bool Building => building;

    /// <summary>"ready", "building: n of m articles indexed", or "unavailable: " and why, for the health detail.</summary>
    public string State => state;

    /// <summary>The search of one page of results in the current index; null when it took too long.</summary>
    /// <exception cref="SearchUnavailableException">The index cannot be used now.</exception>
    public SearchHits? Search(SearchQuery query, int offset, int limit)
    {
        // Before the first catch-up has opened the index (it waits for the first response), a search finds nothing yet, as while it builds.
        if (database is not { } current)
            return failedBecause is null ? new SearchHits(0, false, []) : throw new SearchUnavailableException(state);
        try
        {
            return current.Search(query, offset, limit, options.Value.QueryBudget);
        }
        catch (Microsoft.Data.Sqlite.SqliteException failure)
        {
            LogSearchFailed(failure.Message);
            throw new SearchUnavailableException(failure.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Once the first response is sent: its reader never shares the cores with the catch-up.
        await firstResponse.Sent.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        SiteSnapshot? seen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var snapshot = seen is null ? publisher.Current : await publisher.NextSnapshotAsync(seen, TimeSpan.FromSeconds(10), stoppingToken);
            if (ReferenceEquals(snapshot, seen))
                continue;
            seen = snapshot;
            try
            {
                await FollowAsync(snapshot, stoppingToken);
            }
#pragma warning disable CA1031 // the index serves search alone: whatever goes wrong is logged, and the next snapshot starts afresh
            catch (Exception failure)
#pragma warning restore CA1031
            {
                ReportFailure(failure);
                database?.Dispose();
                (database, followed) = (null, null);
            }
        }
    }

    /// <summary>
    /// Brings the index to <paramref name="snapshot"/>: what came or changed in, what went out. After the first time, only
    /// the articles that changed since the snapshot followed last are looked at and written: an edit costs what its
    /// article costs, not a comparison of every article with the rows indexed. Each batch yields to publishing: it
    /// starts once no change waits to be published, and ends early when one comes, so that an edit made during a first
    /// build at 100,000 articles does not share the cores with it (docs/benchmarks.md, Edit latency).
    /// </summary>
    private async Task FollowAsync(SiteSnapshot snapshot, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        database ??= SearchDatabase.Open(cache.Value.PathFor("search"), FolderName(publisher.Folder));
        var (coming, gone) = followed is null ? Unindexed(database, snapshot) : ChangedSince(followed, snapshot);
        if (coming.Count == 0 && gone.Count == 0)
        {
            followed = snapshot;
            MarkReady();
            return;
        }

        await YieldToPublishingAsync(snapshot, coming.Count, 0, stopping);
        if (gone.Count > 0)
        {
            using (var removing = database.Begin())
            {
                foreach (var slug in gone)
                    database.Remove(slug);
                removing.Commit();
            }
            Interlocked.Increment(ref version);
        }
        for (var next = 0; next < coming.Count && !stopping.IsCancellationRequested;)
        {
            if (next > 0)
            {
                await YieldToPublishingAsync(snapshot, coming.Count, next, stopping);
                // The upkeep a write leaves, once searches see it: between the batches of a build, and after the last one.
                database.Tidy();
            }
            state = Progress(snapshot, coming.Count, next);
            using (var adding = database.Begin())
            {
                var end = Math.Min(next + Batch, coming.Count);
                var first = next;
                for (; next < end && (next == first || publisher.Quiet.IsCompleted); next++)
                {
                    var meta = coming[next].Metadata;
                    var about = string.Join(' ', meta.Authors.Select(person => person.Display).Concat(meta.Tags).Append(meta.Section ?? ""));
                    database.Add(meta.Slug, coming[next].VersionHash, meta.Date.Instant, SearchText.Stored(meta.Title), SearchText.Stored(meta.Summary),
                        SearchText.Stored(about), SearchText.Stored(BodyOf(coming[next])));
                }
                adding.Commit();
            }
            Interlocked.Increment(ref version);
        }
        if (stopping.IsCancellationRequested)
            return;
        followed = snapshot;
        MarkReady();
        LogIndexed(coming.Count, gone.Count, database.File, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        database.Tidy();
    }

    /// <summary>Waits until no change waits to be published, at most <see cref="LongestYield"/>; during a first build the health detail says so meanwhile.</summary>
    private async Task YieldToPublishingAsync(SiteSnapshot snapshot, int coming, int done, CancellationToken stopping)
    {
        var quiet = publisher.Quiet;
        if (quiet.IsCompleted)
            return;
        if (building)
            state = Progress(snapshot, coming, done) + ", waiting for a change to be published";
        await quiet.WaitAsync(LongestYield, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static string Progress(SiteSnapshot snapshot, int coming, int done) =>
        $"building: {snapshot.Articles.Count - coming + done} of {snapshot.Articles.Count} articles indexed";

    /// <summary>
    /// What the file holds that <paramref name="snapshot"/> does not publish, and what it publishes that the file lacks or
    /// holds in another version: at a start, or after a failure, when there is no snapshot the file is known to hold.
    /// </summary>
    private static (List<Article> Coming, List<string> Gone) Unindexed(SearchDatabase database, SiteSnapshot snapshot)
    {
        var indexed = database.ReadIndexed();
        var coming = snapshot.Articles.Where(article => !indexed.TryGetValue(article.Metadata.Slug, out var hash) || hash != article.VersionHash).ToList();
        var gone = indexed.Keys.Where(slug => snapshot.ArticleWithSlug(slug) is null).ToList();
        return (coming, gone);
    }

    /// <summary>The articles added or changed since <paramref name="before"/>, newest first, and the slugs no longer published.</summary>
    private static (List<Article> Coming, List<string> Gone) ChangedSince(SiteSnapshot before, SiteSnapshot snapshot)
    {
        var change = ArticleChange.Between(before, snapshot.Articles);
        var gone = change.Removed.Select(article => article.Metadata.Slug).Where(slug => snapshot.ArticleWithSlug(slug) is null).ToList();
        return ([.. change.Added], gone);
    }

    /// <summary>
    /// A cache folder that cannot be written (read-only, full, not a folder) fails every publication alike: it is logged
    /// once, by its reason, as the article index's is, not with a stack trace at each edit. Anything else is a bug, logged whole.
    /// </summary>
    private void ReportFailure(Exception failure)
    {
        state = $"unavailable: {failure.Message}";
        if (failure is not (IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException))
            LogIndexFailed(failure);
        else if (failure.Message != failedBecause)
            LogIndexUnusable(Folder, failure.Message);
        failedBecause = failure.Message;
    }

    private string Folder => cache.Value.PathFor("search") ?? "memory";

    private void MarkReady()
    {
        if (failedBecause is not null)
            LogIndexUsableAgain(Folder);
        failedBecause = null;
        (building, state) = (false, "ready");
    }

    /// <summary>
    /// The body's text; empty when the file no longer holds the version published (the next snapshot, with the file's
    /// new hash, indexes it again).
    /// </summary>
    private static string BodyOf(Article article)
    {
        try
        {
            return PlainTextRenderer.BodyText(article.Parse());
        }
        catch (Exception failure) when (failure is ContentException or ArticleChangedException)
        {
            return "";
        }
    }

    /// <summary>One file per content folder, named by the hash of its full path, as the article index's is.</summary>
    private static string FolderName(string folder) =>
        Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))));

    public override void Dispose()
    {
        base.Dispose();
        database?.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Search index {File}: added {Added} and removed {Removed} article(s) in {Milliseconds} ms")]
    private partial void LogIndexed(int added, int removed, string file, long milliseconds);

    [LoggerMessage(LogLevel.Error, "The search index failed; search is unavailable until the next snapshot is published")]
    private partial void LogIndexFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "The search index in {Folder} cannot be used: {Reason}; search is unavailable until a publication finds it usable")]
    private partial void LogIndexUnusable(string folder, string reason);

    [LoggerMessage(LogLevel.Information, "The search index in {Folder} can be used again")]
    private partial void LogIndexUsableAgain(string folder);

    [LoggerMessage(LogLevel.Warning, "A search failed: {Reason}")]
    private partial void LogSearchFailed(string reason);
}

/// <summary>The search index cannot be used now; the page says so, and the rest of the site is not concerned.</summary>
internal sealed class SearchUnavailableException(string reason) : Exception(reason);
