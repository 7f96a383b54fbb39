using ArticleSite.Loading;

namespace ArticleSite.Publishing;

/// <summary>
/// When the folder is read again, on the site's clock: once the watcher's changes have been quiet for the debounce time,
/// when a file still being written will have settled, at each periodic rescan (of the whole folder), and at the next
/// instant an article comes out or expires. Every timer is the <see cref="TimeProvider"/>'s, so that tests move time
/// instead of waiting for it.
/// </summary>
/// <param name="reload">Reads the folder again; true: the whole folder (the periodic rescan).</param>
internal sealed class ReloadSchedule(ContentOptions options, TimeProvider time, Func<bool, Task> reload) : IDisposable
{
    /// <summary>A timer cannot wait for months; one due later wakes up after a day and sets itself again.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly ITimer debounce = time.CreateTimer(_ => _ = reload(false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private readonly ITimer settled = time.CreateTimer(_ => _ = reload(false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private readonly ITimer rescan = time.CreateTimer(_ => _ = reload(true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private readonly ITimer release = time.CreateTimer(_ => _ = reload(false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private volatile bool started;

    private DateTimeOffset? nextRelease;

    /// <summary>Starts the periodic rescan, and lets changes set off reloads; <paramref name="changesWaiting"/>: some came before.</summary>
    public void Start(bool changesWaiting)
    {
        started = true;
        rescan.Change(options.RescanInterval, options.RescanInterval);
        if (changesWaiting)
            AfterQuiet();
    }

    /// <summary>No timer reloads any more, and changes set off none: the site is stopping.</summary>
    public void Stop()
    {
        started = false;
        foreach (var timer in new[] { debounce, settled, rescan, release })
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A change was seen: the reload waits until none has come for the debounce time. Ignored until <see cref="Start"/>.</summary>
    public void AfterQuiet()
    {
        if (started)
            debounce.Change(options.Debounce, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A file still being written will have been quiet long enough to be read in <paramref name="wait"/>.</summary>
    public void RecheckIn(TimeSpan wait) => settled.Change(wait, Timeout.InfiniteTimeSpan);

    /// <summary>True once the instant set by <see cref="ReleaseAt"/> has come: the articles out now are not those published.</summary>
    public bool ReleaseDue => nextRelease <= time.GetUtcNow();

    /// <summary>Reloads at <paramref name="at"/>, when an article comes out or expires; none: no timer.</summary>
    public void ReleaseAt(DateTimeOffset? at)
    {
        nextRelease = at;
        if (at is not { } instant)
        {
            release.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var wait = instant - time.GetUtcNow();
        release.Change(wait < LongestWait ? wait : LongestWait, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        debounce.Dispose();
        settled.Dispose();
        rescan.Dispose();
        release.Dispose();
    }
}
