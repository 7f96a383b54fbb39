namespace ArticleSite.Loading;

/// <summary>What the content folder publishes at one moment: one article per slug, and every file that has a problem.</summary>
public sealed record ContentReading(IReadOnlyList<Article> Articles, IReadOnlyList<ContentException> Problems);

/// <summary>What changed since the last reading, as the folder's watcher saw it (full paths).</summary>
/// <param name="Touched">Paths to read again even if their size and time look the same.</param>
/// <param name="RenamedIn">Paths a file was renamed to: saved atomically, so complete at once.</param>
public sealed record FolderChanges(IReadOnlySet<string> Touched, IReadOnlySet<string> RenamedIn)
{
    public static FolderChanges None { get; } = new(new HashSet<string>(), new HashSet<string>());
}

/// <summary>The outcome of one reading: what is publishable, whether it differs from the last one, and when to look again.</summary>
/// <param name="RecheckIn">When a file still being written will have been quiet long enough to be read; null when none is.</param>
public sealed record LibraryRead(ContentReading Reading, bool Changed, TimeSpan? RecheckIn);

/// <summary>
/// The content folder as last read. It re-reads only files that changed, and remembers the last good version of each
/// file, so that a bad save reports a problem and keeps the article as it was. Files are loaded independently, a few at
/// a time, each within its time budget; a reading does not wait for a slow file, whose result is published by a later
/// reading (<paramref name="loadedLater"/> asks for one); raw HTML is read as <paramref name="rawHtml"/> says. A file still being written is read once it has been quiet
/// for <paramref name="settleTime"/>, unless it was renamed into place.
/// </summary>
public sealed class ContentLibrary(string folder, ContentLimits limits, RawHtml rawHtml, TimeSpan settleTime, Action loadedLater) : IDisposable
{
    /// <summary>How long a reading waits for a file being loaded before it publishes without it: a normal file takes milliseconds.</summary>
    private static readonly TimeSpan SlowFileAfter = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim loadSlots = new(Environment.ProcessorCount);

    private readonly Dictionary<string, FileLoad> loading = new(StringComparer.Ordinal);

    /// <summary>Files seen changing, by path: the stamp they had and when it was first seen.</summary>
    private readonly Dictionary<string, (Stamp Stamp, DateTime Since)> unsettled = new(StringComparer.Ordinal);

    private Dictionary<string, FileState> files = new(StringComparer.Ordinal);

    /// <summary>The entries the last scan would not read.</summary>
    private IReadOnlyList<ContentException> skipped = [];

    /// <summary>What the last reading published: a rescan that finds nothing changed returns it without sorting 100,000 files again.</summary>
    private ContentReading? lastReading;

    /// <summary>Which file published each slug last time: it keeps the slug when another file claims it too.</summary>
    private Dictionary<string, string> slugOwners = new(StringComparer.Ordinal);

    public string Folder => folder;

    /// <summary>The article index: at start-up, unchanged files take their article from it; null when there is none.</summary>
    public ArticleIndex? Index { get; init; }

    /// <summary>How many files the first reading took from the index instead of reading them.</summary>
    public int TakenFromIndex { get; private set; }

    /// <summary>How many article files the last reading found.</summary>
    public int FileCount => files.Count;

    private TimeSpan FileTimeBudget => limits.FileTimeBudget;

    public void Dispose() => loadSlots.Dispose();

    /// <summary>Reads the folder again: new files, files whose size or time changed, and those <paramref name="changes"/> names.</summary>
    /// <param name="waitForAll">At start-up: every file counts as settled and is waited for (each within its time budget).</param>
    /// <exception cref="ContentException">A problem of the folder itself: missing, not a folder, no article file.</exception>
    public async Task<LibraryRead> ReadAsync(FolderChanges changes, bool waitForAll = false)
    {
        var scan = ContentFolder.Scan(folder, limits);
        if (lastReading is null && Index is { } index)
            await index.Loaded;
        var now = DateTime.UtcNow;
        var next = new Dictionary<string, FileState>(scan.Articles.Count, StringComparer.Ordinal);
        var waitingFor = new List<FileLoad>();
        TimeSpan? recheckIn = null;
        foreach (var entry in scan.Articles)
        {
            var path = entry.RelativePath;
            var stamp = new Stamp(entry.Size, entry.LastWriteUtc);
            var known = files.GetValueOrDefault(path);
            if (known?.Stamp == stamp && !changes.Touched.Contains(entry.FullPath) && !MediaChanged(known))
            {
                next[path] = known;
                continue;
            }
            if (known is not null)
                next[path] = known; // until the new version is loaded
            else if (FromIndex(entry, stamp) is { } indexed)
            {
                next[path] = indexed;
                continue;
            }

            if (loading.TryGetValue(path, out var load) && load.Stamp == stamp)
            {
                waitingFor.Add(load);
                continue;
            }
            if (!waitForAll && !changes.RenamedIn.Contains(entry.FullPath) && QuietFor(path, stamp, now) is { } wait)
            {
                recheckIn = recheckIn is null || wait < recheckIn ? wait : recheckIn;
                continue;
            }
            unsettled.Remove(path);
            loading[path] = load = new FileLoad(entry, stamp, known?.Good, this);
            waitingFor.Add(load);
        }

        await Task.WhenAll(waitingFor.Select(load => waitForAll ? load.Result : load.Decided));
        foreach (var load in waitingFor)
        {
            if (load.Result.IsCompleted)
            {
                next[load.Entry.RelativePath] = load.Result.Result;
                loading.Remove(load.Entry.RelativePath);
            }
            else
            {
                load.PublishWhenLoaded(loadedLater);
            }
        }

        var listed = scan.Articles.Select(entry => entry.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in loading.Keys.Concat(unsettled.Keys).Where(path => !listed.Contains(path)).ToList())
        {
            loading.Remove(gone);
            unsettled.Remove(gone);
        }

        var changed = !SameStates(files, next) || !scan.Skipped.Select(problem => problem.Message).SequenceEqual(skipped.Select(problem => problem.Message));
        (files, skipped) = (next, scan.Skipped);
        if (changed || lastReading is null)
            lastReading = Publishable();
        return new LibraryRead(lastReading, changed, recheckIn);
    }

    /// <summary>Null when the file has been quiet for the settle time (by its own time, or since this stamp was first seen); else how long to wait.</summary>
    private TimeSpan? QuietFor(string path, Stamp stamp, DateTime now)
    {
        if (!unsettled.TryGetValue(path, out var seen) || seen.Stamp != stamp)
            unsettled[path] = seen = (stamp, now);
        var quietSince = stamp.LastWrite < seen.Since ? stamp.LastWrite : seen.Since;
        var left = settleTime - (now - quietSince);
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>A picture (or other media file) the article refers to was replaced, appeared or went: the article is read again.</summary>
    private static bool MediaChanged(FileState state) =>
        state.Good is { Metadata.Media.Stamps: { Count: > 0 } stamps } && MediaReferences.Changed(stamps);

    private static bool SameStates(Dictionary<string, FileState> before, Dictionary<string, FileState> after) =>
        before.Count == after.Count && after.All(entry => before.TryGetValue(entry.Key, out var state) && ReferenceEquals(state, entry.Value));

    private FileState LoadNow(ArticleEntry entry, Stamp stamp, Article? lastGood)
    {
        try
        {
            return new FileState(stamp, ArticleFile.Load(entry, limits, rawHtml, source: SourceOf(entry)).Article, null);
        }
        catch (ContentException problem)
        {
            return new FileState(stamp, lastGood, problem);
        }
#pragma warning disable CA1031 // a parser's failure on one file must not stop the others from being published
        catch (Exception failure)
#pragma warning restore CA1031
        {
            return new FileState(stamp, lastGood, new ContentException(entry.RelativePath, $"cannot be loaded: {failure.Message}"));
        }
    }

    /// <summary>At the first reading, the file's article as the index holds it, when the file and its media files are as they were.</summary>
    private FileState? FromIndex(ArticleEntry entry, Stamp stamp)
    {
        if (lastReading is not null || Index?.Find(entry) is not { } row || row.ToArticle(entry.RelativePath, SourceOf(entry)) is not { } article)
            return null;
        var state = new FileState(stamp, article, null);
        if (MediaChanged(state))
            return null;
        TakenFromIndex++;
        return state;
    }

    private FileSource SourceOf(ArticleEntry entry) => new(entry.FullPath, limits, rawHtml, Index?.Database);

    /// <summary>Every file of the last reading that publishes an article (its last good version, when it has a problem now): what the index keeps.</summary>
    public IEnumerable<PublishedFile> Published()
    {
        var read = files;
        return read.Where(file => file.Value.Good is not null)
            .Select(file => new PublishedFile(Path.Join(folder, file.Key), file.Key, file.Value.Stamp.Length, file.Value.Stamp.LastWrite.Ticks, file.Value.Good!, file.Value.Problem is not null));
    }

    private ContentReading Publishable()
    {
        var bySlug = new Dictionary<string, Article>(files.Count, StringComparer.Ordinal);
        var problems = new List<ContentException>(skipped);
        var claimants = files
            .OrderBy(file => file.Value.Good is { } article && slugOwners.GetValueOrDefault(article.Metadata.Slug) == file.Key ? 0 : 1)
            .ThenBy(file => file.Key, StringComparer.Ordinal);
        foreach (var (path, state) in claimants)
        {
            if (state.Problem is { } problem)
                problems.Add(problem);
            if (state.Good is not { } article)
                continue;
            if (bySlug.TryGetValue(article.Metadata.Slug, out var owner))
                problems.Add(new ContentException(path, $"slug '{article.Metadata.Slug}' is already used by {owner.SourcePath}"));
            else
            {
                bySlug[article.Metadata.Slug] = article;
                problems.AddRange(article.Metadata.Media.Problems);
            }
        }

        slugOwners = bySlug.ToDictionary(pair => pair.Key, pair => pair.Value.SourcePath, StringComparer.Ordinal);
        return new ContentReading([.. bySlug.Values], [.. problems.OrderBy(problem => problem.Path, StringComparer.Ordinal)]);
    }

    private readonly record struct Stamp(long Length, DateTime LastWrite);

    /// <summary>A file as last read: the article it publishes (its last good version) and its current problem, if any.</summary>
    private sealed record FileState(Stamp Stamp, Article? Good, ContentException? Problem);

    /// <summary>
    /// One file being loaded on the thread pool in one of the library's slots. <see cref="Result"/> completes when it is
    /// loaded or its time budget is spent; <see cref="Decided"/> also completes once it has run long enough to count as
    /// slow, when it gives its slot up so that other files are not held behind it.
    /// </summary>
    private sealed class FileLoad
    {
        private readonly TaskCompletionSource slow = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FileLoad(ArticleEntry entry, Stamp stamp, Article? lastGood, ContentLibrary library)
        {
            Entry = entry;
            Stamp = stamp;
            Result = RunAsync(lastGood, library);
            Decided = Task.WhenAny(Result, slow.Task);
        }

        public ArticleEntry Entry { get; }

        public Stamp Stamp { get; }

        public Task<FileState> Result { get; }

        public Task Decided { get; }

        public void PublishWhenLoaded(Action publish) =>
            Result.ContinueWith(_ => publish(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        private async Task<FileState> RunAsync(Article? lastGood, ContentLibrary library)
        {
            await library.loadSlots.WaitAsync();
            var slotHeld = 1;
            void GiveSlotUp()
            {
                if (Interlocked.Exchange(ref slotHeld, 0) == 1)
                    library.loadSlots.Release();
            }

            var work = Task.Run(() => library.LoadNow(Entry, Stamp, lastGood));
            using var slowTimer = new Timer(_ => { GiveSlotUp(); slow.TrySetResult(); }, null, SlowFileAfter, Timeout.InfiniteTimeSpan);
            try
            {
                return await work.WaitAsync(library.FileTimeBudget);
            }
            catch (TimeoutException)
            {
                // The parse stops itself at the same deadline (ParseBudget); whatever else ran long is dropped when it ends.
                return new FileState(Stamp, lastGood, new ContentException(Entry.RelativePath,
                    $"took longer than {ContentLimits.Describe(library.FileTimeBudget)} to read and parse (ContentLimits:FileTimeBudget); not published"));
            }
            finally
            {
                GiveSlotUp();
                slow.TrySetResult();
            }
        }
    }
}
