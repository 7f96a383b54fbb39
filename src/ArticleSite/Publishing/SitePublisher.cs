using System.Diagnostics;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>
/// Publishes the content folder as a snapshot for the endpoints, then keeps publishing it: a file watcher (and a
/// periodic rescan, for the changes a watcher misses) triggers a reload off the request path, which builds a complete
/// new snapshot and swaps it in with one reference assignment. A reload never waits long for one file: files being
/// written wait until they are quiet, and slow ones are published by a later reload when they are done. Drafts,
/// articles dated in the future and expired ones are left out; a timer republishes at the next instant one of them
/// comes out or expires. When it reads again is <see cref="ReloadSchedule"/>'s to say, what it reads the
/// <see cref="ContentLibrary"/>'s; who the site is, the <see cref="SiteIdentityReader"/>'s. Once a snapshot is published,
/// it tells the output cache (which evicts what earlier ones made) and the <see cref="IndexSaver"/>.
/// </summary>
internal sealed partial class SitePublisher : IDisposable
{
    /// <summary>
    /// How many of the resources readers had been reading a new snapshot renders before it is swapped in, per origin:
    /// the front page and the pages in demand, not all 40,000 URLs of a large site on every save.
    /// </summary>
    private const int RenderedAheadPerOrigin = 64;

    private readonly ContentLibrary library;
    private readonly SiteIdentityReader identities;
    private readonly IndexSaver indexSaver;
    private readonly IOutputCacheStore cache;
    private readonly ContentOptions options;
    private readonly ContentLimits limits;
    private readonly ILogger<SitePublisher> logger;
    private readonly TimeProvider time;
    private readonly SiteMetrics metrics;

    /// <summary>The site file's problem the current snapshot reports, if any; guarded by <see cref="publishing"/>.</summary>
    private string? publishedIdentityProblem;

    /// <summary>
    /// The articles' rendered bodies, shared by every snapshot of one site identity: an edit renders the edited article
    /// again, not the rest; a new name or icon renders them all. Guarded by <see cref="publishing"/>.
    /// </summary>
    private RenderedBodies? bodies;

    /// <summary>One reload at a time.</summary>
    private readonly SemaphoreSlim publishing = new(1, 1);

    private readonly PendingChanges changes = new();

    private readonly ReloadSchedule schedule;

    private volatile SiteSnapshot? current;

    /// <summary>Completed, and replaced, each time a snapshot is swapped in.</summary>
    private TaskCompletionSource swapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ContentWatcher? watcher;

    /// <summary>
    /// A reload read changes and failed to publish them: the library has them already, so the next reload publishes even
    /// when it finds nothing new. Guarded by <see cref="publishing"/>.
    /// </summary>
    private bool publishOwed;

    public SitePublisher(ContentLibrary library, SiteIdentityReader identities, IndexSaver indexSaver, IOutputCacheStore cache, IOptions<ContentOptions> options, IOptions<ContentLimits> limits, ILogger<SitePublisher> logger, TimeProvider time, SiteMetrics metrics)
    {
        this.library = library;
        this.identities = identities;
        this.indexSaver = indexSaver;
        this.cache = cache;
        this.limits = limits.Value;
        this.options = options.Value;
        this.logger = logger;
        this.time = time;
        this.metrics = metrics;
        schedule = new ReloadSchedule(this.options, time, wholeFolder => ReloadAsync(wholeFolder));
    }

    /// <summary>The snapshot being served; set by <see cref="PublishAsync"/> before the server starts listening.</summary>
    public SiteSnapshot Current => current ?? throw new InvalidOperationException("Nothing has been published yet.");

    public bool HasPublished => current is not null;

    /// <summary>
    /// The snapshot published after <paramref name="seen"/>, once there is one; the current one if none comes
    /// <paramref name="within"/>, or when <paramref name="stopping"/> is cancelled first.
    /// </summary>
    public async Task<SiteSnapshot> NextSnapshotAsync(SiteSnapshot seen, TimeSpan within, CancellationToken stopping = default)
    {
        var next = Volatile.Read(ref swapped).Task;
        if (ReferenceEquals(Current, seen))
            await next.WaitAsync(within, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        return Current;
    }

    public string Folder => library.Folder;

    /// <summary>
    /// Completed once no change waits to be read or published (<see cref="PendingChanges.Quiet"/>): from the watcher's
    /// first sight of a change, through the reload and the swap of its snapshot, this waits.
    /// </summary>
    public Task Quiet => changes.Quiet;

    /// <summary>"watching", or "rescans only: " and why changes are seen only by the periodic rescan.</summary>
    public string WatcherState => watcher?.State ?? "not started";

    /// <summary>Publishes the folder's articles, watching it for changes from before it reads them; <see cref="StartReloading"/> then publishes those changes.</summary>
    /// <exception cref="ContentException">The folder is missing, or holds no article that can be published.</exception>
    public async Task PublishAsync()
    {
        // The first snapshot makes the objects of every article, and nearly all of them live on: a background collection
        // beside it would only mark them again and again, so collections block until it is published.
        // Watching before the first reading, so that a save made while it reads is named to the first reload, which
        // then reads that file alone instead of listing the whole folder again (at 100,000 files 27 ms against 824 ms:
        // docs/benchmarks.md, Edit latency).
        watcher = new ContentWatcher(Folder, NoteChanged, changes.RenamedIn);
        watcher.Rearm();
        using (BatchCollections.Begin())
            await PublishFirstAsync();
        if (library.Index is { } index)
            LogIndexUsed(library.TakenFromIndex, library.FileCount, index.Database.File);
    }

    /// <summary>Publishes what changes from now on, and what changed since the first reading began (<see cref="PublishingLoop"/>).</summary>
    public void StartReloading() => schedule.Start(changesWaiting: changes.Any);

    /// <summary>Reads the folder no more: the site is stopping.</summary>
    public void StopReloading() => schedule.Stop();

    private async Task PublishFirstAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var reading = (await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true)).Reading;
        if (!reading.Articles.Any(article => article.Metadata.IsPublishedAt(time.GetUtcNow())))
        {
            var problems = reading.Problems;
            throw reading.Articles.Count > 0 ? ContentFolder.ProblemOfFolder(Folder, $"none of its {reading.Articles.Count} article(s) is published now: each is a draft, dated in the future or expired")
                : problems.Count == 1 ? problems[0]
                : ContentFolder.ProblemOfFolder(Folder, $"none of its {problems.Count} files can be published, e.g. {problems[0].Message}");
        }
        await LockAndPublishAsync(reading.Articles, reading.Problems, started);
    }

    /// <summary>
    /// Notes changed paths (re-read even when size and time look the same) and restarts the quiet-time countdown; no
    /// path at all means a change the watcher cannot name, which the next reload finds by listing the whole folder.
    /// </summary>
    private void NoteChanged(params string[] paths)
    {
        changes.Touched(paths);
        schedule.AfterQuiet();
    }

    /// <param name="wholeFolder">
    /// The periodic rescan lists the whole folder; a reload the watcher asked for reads only the paths it named (and the
    /// files still settling or loading), unless it saw a change it cannot name or has only now started watching.
    /// </param>
    private async Task ReloadAsync(bool wholeFolder = false)
    {
        changes.Reloading();
        var filesWaiting = false;
        await publishing.WaitAsync();
        try
        {
            var newlyWatching = watcher?.Rearm() ?? false;
            var seen = changes.Take(wholeFolder || newlyWatching);

            var started = Stopwatch.GetTimestamp();
            var (reading, changed, recheckIn, loadingLater) = await library.ReadAsync(seen);
            if (recheckIn is { } quietIn)
                schedule.RecheckIn(quietIn);
            foreach (var load in loadingLater)
                _ = load.ContinueWith(_ => schedule.AfterQuiet(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            filesWaiting = recheckIn is not null || loadingLater.Count > 0;
            var released = schedule.ReleaseDue;
            var (identity, identityProblem) = identities.Read(current?.Identity);
            var sameIdentity = identity.SameAs(Current.Identity) && identityProblem?.Message == publishedIdentityProblem;
            if (!changed && !publishOwed && !released && sameIdentity && Current.Problems.All(problem => problem.Path != ContentFolder.Itself))
            {
                ScheduleRelease(reading.Articles);
                return;
            }

            // With nothing publishable left, the last snapshot's articles stay: the site never goes down for content.
            var articles = reading.Articles.Count > 0 ? reading.Articles : Current.Articles;
            await PublishLockedAsync(articles, reading.Problems, started);
        }
        catch (ContentException folderProblem)
        {
            if (Current.Problems is not [{ } only] || only.Message != folderProblem.Message)
                await PublishLockedAsync(Current.Articles, [folderProblem], Stopwatch.GetTimestamp());
        }
#pragma warning disable CA1031 // a reload runs on a timer: whatever goes wrong is logged and the current snapshot stays
        catch (Exception failure)
#pragma warning restore CA1031
        {
            publishOwed = true;
            LogReloadFailed(failure);
        }
        finally
        {
            publishing.Release();
            changes.Reloaded(filesWaiting);
        }
    }

    private async Task LockAndPublishAsync(IReadOnlyList<Article> articles, IReadOnlyList<ContentException> problems, long started)
    {
        await publishing.WaitAsync();
        try
        {
            await PublishLockedAsync(articles, problems, started);
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <param name="read">Every article read, published now or not.</param>
    /// <param name="started">When reading the folder began: the log says how long reading and publishing took.</param>
    private async Task PublishLockedAsync(IReadOnlyList<Article> read, IReadOnlyList<ContentException> problems, long started)
    {
        var now = time.GetUtcNow();
        var (identity, identityProblem) = identities.Read(current?.Identity);
        if (identityProblem is not null)
            problems = [identityProblem, .. problems];
        publishedIdentityProblem = identityProblem?.Message;
        IReadOnlyList<Article> articles = [.. read.Where(article => article.Metadata.IsPublishedAt(now))];
        if (articles.Count == 0)
            articles = Current.Articles;
        ScheduleRelease(read);
        var expired = read.Where(article => article.Metadata.IsExpiredAt(now)).Select(article => article.Metadata.Slug);
        LogNewProblems(problems);

        var snapshot = new SiteSnapshot(articles, expired, previous: current)
        {
            Generation = (current?.Generation ?? 0) + 1,
            Problems = problems,
            Identity = identity,
            Metrics = metrics,
            Bodies = bodies = bodies is { } kept && kept.Site.SameAs(identity) ? kept : new RenderedBodies(options.RenderedBodyBudget, metrics, identity),
        };
        if (current is { } previous)
            await snapshot.RenderLikeAsync(previous, RenderedAheadPerOrigin);

        publishOwed = false;

        // Swap first, then tell who needs to know: from the assignment on, every request keys the cache by a body of the
        // new snapshot, so nothing stored for the old snapshot, even after the eviction, is served again.
        current = snapshot;
        Interlocked.Exchange(ref swapped, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await cache.EvictEarlierSnapshotsAsync();
        metrics.Published(articles.Count, problems.Count, started);
        indexSaver.SavePublished();
        LogPublished(snapshot.Generation, articles.Count, problems.Count, Folder, snapshot.Lead.Metadata.Slug, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Logs the problems the current snapshot does not report yet, up to <see cref="ContentLimits.MaxProblemsListed"/>.</summary>
    private void LogNewProblems(IReadOnlyList<ContentException> problems)
    {
        var known = current?.Problems.Select(problem => problem.Message).ToHashSet(StringComparer.Ordinal) ?? [];
        var news = problems.Where(problem => !known.Contains(problem.Message)).ToList();
        foreach (var problem in news.Take(limits.MaxProblemsListed))
            LogProblem(problem.Path, problem.Reason);
        if (news.Count > limits.MaxProblemsListed)
            LogProblemsNotListed(limits.NotListed(news.Count - limits.MaxProblemsListed));
    }

    /// <summary>Sets the timer for the next instant an article of <paramref name="read"/> comes out or expires.</summary>
    private void ScheduleRelease(IReadOnlyList<Article> read)
    {
        var now = time.GetUtcNow();
        schedule.ReleaseAt(read.Select(article => article.Metadata.NextChangeAfter(now)).Min());
    }

    /// <summary>Stops the timers and the watcher; the library, the container's too, is disposed after.</summary>
    public void Dispose()
    {
        schedule.Dispose();
        watcher?.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "Cannot publish {Path}: {Reason}")]
    private partial void LogProblem(string path, string reason);

    [LoggerMessage(LogLevel.Warning, "Cannot publish {Summary}")]
    private partial void LogProblemsNotListed(string summary);

    [LoggerMessage(LogLevel.Information, "Published snapshot {Generation}: {Count} article(s), {ProblemCount} problem(s) in {Folder}; the lead is {Slug}; read and published in {Milliseconds} ms")]
    private partial void LogPublished(long generation, int count, int problemCount, string folder, string slug, long milliseconds);

    [LoggerMessage(LogLevel.Information, "Took {FromIndex} of {Count} article file(s) from the article index {File}; read the others")]
    private partial void LogIndexUsed(int fromIndex, int count, string file);

    [LoggerMessage(LogLevel.Error, "Reloading the content folder failed; the current snapshot stays")]
    private partial void LogReloadFailed(Exception exception);
}
