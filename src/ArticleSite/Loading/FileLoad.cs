namespace ArticleSite.Loading;

/// <summary>
/// One file being loaded on the thread pool in one of the library's slots, within the file time budget
/// (<see cref="ContentLimits.FileTimeBudget"/>). <see cref="Result"/> completes when it is loaded or its budget is
/// spent; <see cref="Decided"/> also completes once it has run long enough to count as slow, when it gives its slot up
/// so that other files are not held behind it. Both are timed by the library's clock.
/// </summary>
internal sealed class FileLoad
{
    /// <summary>How long a reading waits for a file being loaded before it publishes without it: a normal file takes milliseconds.</summary>
    private static readonly TimeSpan SlowFileAfter = TimeSpan.FromMilliseconds(250);

    private readonly TaskCompletionSource slow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="load">Reads and parses the file; a problem is its state's, not thrown.</param>
    public FileLoad(ArticleEntry entry, Article? lastGood, Func<FileState> load, SemaphoreSlim slots, TimeSpan budget, TimeProvider time)
    {
        Entry = entry;
        Result = RunAsync(lastGood, load, slots, budget, time);
        Decided = Task.WhenAny(Result, slow.Task);
    }

    public ArticleEntry Entry { get; }

    public FileStamp Stamp => Entry.Stamp;

    public Task<FileState> Result { get; }

    public Task Decided { get; }

    private async Task<FileState> RunAsync(Article? lastGood, Func<FileState> load, SemaphoreSlim slots, TimeSpan budget, TimeProvider time)
    {
        await slots.WaitAsync();
        var slotHeld = 1;
        void GiveSlotUp()
        {
            if (Interlocked.Exchange(ref slotHeld, 0) == 1)
                slots.Release();
        }

        var work = Task.Run(load);
        using var slowTimer = time.CreateTimer(_ => { GiveSlotUp(); slow.TrySetResult(); }, null, SlowFileAfter, Timeout.InfiniteTimeSpan);
        try
        {
            return await work.WaitAsync(budget, time);
        }
        catch (TimeoutException)
        {
            // The parse stops itself at the same deadline (ParseBudget); whatever else ran long is dropped when it ends.
            return new FileState(Stamp, lastGood, new ContentException(Entry.RelativePath,
                $"took longer than {ContentLimits.Describe(budget)} to read and parse (ContentLimits:FileTimeBudget); not published"));
        }
        finally
        {
            // Not the slow mark: it would decide the load here, before its result completes, and the reading would leave
            // a file loaded in time for later. Decided follows the result itself.
            GiveSlotUp();
        }
    }
}
