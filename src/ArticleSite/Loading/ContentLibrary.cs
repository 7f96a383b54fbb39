using ArticleSite.Media;

namespace ArticleSite.Loading;

/// <summary>What the content folder publishes at one moment: one article per slug, and every file that has a problem.</summary>
internal sealed record ContentReading(IReadOnlyList<Article> Articles, IReadOnlyList<ContentException> Problems);

/// <summary>What changed since the last reading, as the folder's watcher saw it (full paths).</summary>
/// <param name="Touched">Paths to read again even if their size and time look the same.</param>
/// <param name="RenamedIn">Paths a file was renamed to: saved atomically, so complete at once.</param>
/// <param name="WholeFolder">
/// True: list the whole folder (start-up, the periodic rescan, and whenever the watcher may have missed a change or
/// cannot name it precisely). False: look only at the paths named, the media files they are, and the files still
/// settling or loading; a path that only a whole listing can judge (a folder, a link) makes it list the whole folder.
/// </param>
internal sealed record FolderChanges(IReadOnlySet<string> Touched, IReadOnlySet<string> RenamedIn, bool WholeFolder = true)
{
    /// <summary>No path named: list the whole folder, and read every file that changed.</summary>
    public static FolderChanges ListWholeFolder { get; } = new(new HashSet<string>(), new HashSet<string>());
}

/// <summary>The outcome of one reading: what is publishable, whether it differs from the last one, and when to look again.</summary>
/// <param name="RecheckIn">When a file still being written will have been quiet long enough to be read; null when none is.</param>
/// <param name="LoadingLater">The loads of slow files this reading did not wait for: each, once done, is for a later reading to publish.</param>
internal sealed record LibraryRead(ContentReading Reading, bool Changed, TimeSpan? RecheckIn, IReadOnlyList<Task> LoadingLater);

/// <summary>
/// The content folder as last read. It re-reads only files that changed, and remembers the last good version of each
/// file, so that a bad save reports a problem and keeps the article as it was. Files are loaded independently, a few at
/// a time, each within its time budget; a reading does not wait for a slow file, whose result is published by a later
/// reading (<see cref="LibraryRead.LoadingLater"/>); raw HTML is read as <paramref name="rawHtml"/> says. A file still
/// being written is read once it has been quiet for <paramref name="settleTime"/> on <paramref name="time"/>'s clock,
/// unless it was renamed into place. A reading that the watcher names the changes of looks at those paths alone, and
/// keeps every other file's state: its cost does not grow with the folder.
/// </summary>
internal sealed class ContentLibrary(string folder, ContentLimits limits, RawHtml rawHtml, TimeSpan settleTime, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim loadSlots = new(Environment.ProcessorCount);

    private readonly TimeProvider time = time;

    private readonly Dictionary<string, FileLoad> loading = new(StringComparer.Ordinal);

    /// <summary>Files seen changing, by path: the stamp they had and when it was first seen.</summary>
    private readonly Dictionary<string, (FileStamp Stamp, DateTime Since)> unsettled = new(StringComparer.Ordinal);

    /// <summary>Every article file as last read, by path relative to the folder.</summary>
    private readonly Dictionary<string, FileState> files = new(StringComparer.Ordinal);

    /// <summary>Which file publishes each slug.</summary>
    private readonly SlugOwnership slugs = new();

    /// <summary>The articles that use each media file (by full path, as their stamps name it): a media file's change reads them again.</summary>
    private readonly Claimants mediaUsers = new();

    /// <summary>What the last whole scan knew besides the article files: what a reading of named paths alone relies on.</summary>
    private readonly LastScan lastScan = new(folder, limits);

    /// <summary>What the last reading published: a reading that finds nothing changed returns it as it was.</summary>
    private ContentReading? lastReading;

    /// <summary>Whether a file's state was set or removed during the current reading.</summary>
    private bool statesChanged;

    public string Folder => folder;

    /// <summary>The article index: at start-up, unchanged files take their article from it; null when there is none.</summary>
    public ArticleIndex? Index { get; init; }

    /// <summary>How many files the first reading took from the index instead of reading them.</summary>
    public int TakenFromIndex { get; private set; }

    /// <summary>How many article files the last reading found.</summary>
    public int FileCount => files.Count;

    private TimeSpan FileTimeBudget => limits.FileTimeBudget;

    /// <summary>Lets go of the load slots and of the article index, whose last save it waits for.</summary>
    public void Dispose()
    {
        Index?.Dispose();
        loadSlots.Dispose();
    }

    /// <summary>
    /// Reads the folder again: new files, files whose size or time changed, and those <paramref name="changes"/> names;
    /// the whole folder, or only the paths named when <see cref="FolderChanges.WholeFolder"/> is false.
    /// </summary>
    /// <param name="waitForAll">At start-up: every file counts as settled and is waited for (each within its time budget).</param>
    /// <exception cref="ContentException">A problem of the folder itself: missing, not a folder, no article file.</exception>
    public async Task<LibraryRead> ReadAsync(FolderChanges changes, bool waitForAll = false)
    {
        statesChanged = false;
        var touched = changes.Touched.Select(RelativeOf).ToHashSet(StringComparer.Ordinal);
        var renamedIn = changes.RenamedIn.Select(RelativeOf).ToHashSet(StringComparer.Ordinal);
        touched.UnionWith(unsettled.Keys); // seen changing, and not read since

        var named = changes.WholeFolder ? null : LookAtNamed(changes.Touched, touched, renamedIn);
        var identity = named is null ? ContentFolder.Identify(folder) : null;
        var scan = named is null ? ContentFolder.Scan(folder, limits, files.Keys) : null;
        var entries = named?.Present ?? scan!.Articles;
        foreach (var gone in named?.Gone ?? [])
            Forget(gone);
        if (lastReading is null && Index is { } index)
            await index.Loaded;

        var now = time.GetUtcNow().UtcDateTime;
        var waitingFor = new List<FileLoad>();
        TimeSpan? recheckIn = null;
        var knownListed = 0;
        foreach (var entry in entries)
        {
            var path = entry.RelativePath;
            var stamp = entry.Stamp;
            var known = files.GetValueOrDefault(path);
            if (known is not null)
                knownListed++;
            if (known?.Stamp == stamp && !touched.Contains(path) && !MediaChanged(known))
                continue;
            if (known is null && FromIndex(entry) is { } indexed)
            {
                knownListed++;
                SetState(path, indexed);
                continue;
            }
            // A known file keeps its state until the new version is loaded.

            if (loading.TryGetValue(path, out var load) && load.Stamp == stamp)
            {
                waitingFor.Add(load);
                continue;
            }
            if (!waitForAll && !renamedIn.Contains(path) && QuietFor(path, stamp, now) is { } wait)
            {
                recheckIn = recheckIn is null || wait < recheckIn ? wait : recheckIn;
                continue;
            }
            unsettled.Remove(path);
            var lastGood = known?.Good;
            loading[path] = load = new FileLoad(entry, lastGood, () => LoadNow(entry, lastGood), loadSlots, FileTimeBudget, time);
            waitingFor.Add(load);
        }

        await Task.WhenAll(waitingFor.Select(load => waitForAll ? load.Result : load.Decided));
        var loadingLater = new List<Task>();
        foreach (var load in waitingFor)
        {
            if (load.Result.IsCompleted)
            {
                if (!files.ContainsKey(load.Entry.RelativePath))
                    knownListed++;
                SetState(load.Entry.RelativePath, load.Result.Result);
                loading.Remove(load.Entry.RelativePath);
            }
            else
            {
                loadingLater.Add(load.Result);
            }
        }

        if (scan is not null)
            ForgetUnlisted(scan, identity, anyUnlisted: files.Count > knownListed);

        if (statesChanged || lastReading is null)
            lastReading = Publishable();
        return new LibraryRead(lastReading, statesChanged, recheckIn, loadingLater);
    }

    /// <summary>The path relative to the folder, as the files are known by.</summary>
    private string RelativeOf(string fullPath) => ContentFolder.Relative(folder, fullPath);

    /// <summary>
    /// The article files among the named paths, those whose media files were named, and those settling or loading, each
    /// looked at alone; and the named paths where an article file was and nothing is now. Null when a whole scan must
    /// judge: a folder, a link or a pipe was named, the last scan stopped at the entry limit, or new files may pass it.
    /// </summary>
    private (List<ArticleEntry> Present, List<string> Gone)? LookAtNamed(IReadOnlySet<string> touchedFullPaths, HashSet<string> touched, HashSet<string> renamedIn)
    {
        if (lastReading is null || !lastScan.AllowsLookingAlone())
            return null;
        var paths = new HashSet<string>(touched, StringComparer.Ordinal);
        paths.UnionWith(renamedIn);
        paths.UnionWith(loading.Keys);
        foreach (var fullPath in touchedFullPaths)
            foreach (var user in mediaUsers.Of(Path.GetFullPath(fullPath)))
                paths.Add(user);

        var present = new List<ArticleEntry>();
        var gone = new List<string>();
        foreach (var path in paths)
        {
            if (lastScan.Reported(path))
                return null;
            switch (lastScan.Look(path))
            {
                case (NamedPathKind.NeedsScan, _):
                    return null;
                case (NamedPathKind.Article, { } entry):
                    present.Add(entry);
                    break;
                case (NamedPathKind.Gone, _):
                    gone.Add(path);
                    break;
            }
        }
        var added = present.Count(entry => !files.ContainsKey(entry.RelativePath));
        return lastScan.HasRoomFor(added) ? (present, gone) : null;
    }

    /// <summary>After a whole scan: drops what it no longer lists, and keeps what it read of the folder.</summary>
    private void ForgetUnlisted(FolderScan scan, EntryStatus? identity, bool anyUnlisted)
    {
        bool Listed(string path) => BinarySearch(scan.Articles, path) >= 0;
        foreach (var path in loading.Keys.Concat(unsettled.Keys).Where(path => !Listed(path)).ToList())
        {
            loading.Remove(path);
            unsettled.Remove(path);
        }
        if (anyUnlisted)
        {
            var listed = scan.Articles.Select(entry => entry.RelativePath).ToHashSet(StringComparer.Ordinal);
            foreach (var path in files.Keys.Where(path => !listed.Contains(path)).ToList())
                Forget(path);
        }

        if (lastScan.Keep(scan, identity))
            statesChanged = true;
    }

    /// <summary>The index of <paramref name="path"/> in a scan's articles, which are in path order (ordinal); negative when absent.</summary>
    private static int BinarySearch(IReadOnlyList<ArticleEntry> entries, string path)
    {
        var (low, high) = (0, entries.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var order = string.CompareOrdinal(entries[middle].RelativePath, path);
            if (order == 0)
                return middle;
            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }
        return -1;
    }

    /// <summary>Records a file's new state, and what it claims: its slug and the media files it uses.</summary>
    private void SetState(string path, FileState state)
    {
        var before = files.GetValueOrDefault(path);
        if (ReferenceEquals(before, state))
            return;
        Unclaim(path, before);
        files[path] = state;
        if (state.Good is { } article)
        {
            slugs.Claim(path, article);
            foreach (var stamp in article.Metadata.Media.Stamps)
                mediaUsers.Add(stamp.FullPath, path);
        }
        statesChanged = true;
    }

    /// <summary>A file gone from the folder: its article is no longer published.</summary>
    private void Forget(string path)
    {
        loading.Remove(path);
        unsettled.Remove(path);
        if (!files.Remove(path, out var before))
            return;
        Unclaim(path, before);
        statesChanged = true;
    }

    private void Unclaim(string path, FileState? state)
    {
        if (state?.Good is not { } article)
            return;
        slugs.Unclaim(path, article);
        foreach (var stamp in article.Metadata.Media.Stamps)
            mediaUsers.Remove(stamp.FullPath, path);
    }

    /// <summary>Null when the file has been quiet for the settle time (by its own time, or since this stamp was first seen); else how long to wait.</summary>
    private TimeSpan? QuietFor(string path, FileStamp stamp, DateTime now)
    {
        if (!unsettled.TryGetValue(path, out var seen) || seen.Stamp != stamp)
            unsettled[path] = seen = (stamp, now);
        var quietSince = stamp.LastWriteUtc < seen.Since ? stamp.LastWriteUtc : seen.Since;
        var left = settleTime - (now - quietSince);
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>A picture (or other media file) the article refers to was replaced, appeared or went: the article is read again.</summary>
    private static bool MediaChanged(FileState state) =>
        state.Good is { Metadata.Media.Stamps: { Count: > 0 } stamps } && MediaReferences.Changed(stamps);

    private FileState LoadNow(ArticleEntry entry, Article? lastGood)
    {
        try
        {
            var article = ArticleFile.Load(entry, limits, rawHtml, knownMedia: null, Rereader, out var bytes).Article;
            // A reload's version is remembered until the index keeps it, as its file may be saved again before its page is
            // rendered; the first reading's are not (a whole folder's bytes), and the index keeps them from their files.
            if (lastReading is not null)
                Rereader.Remember(article.VersionHash, bytes);
            return new FileState(entry.Stamp, article, null);
        }
        catch (ContentException problem)
        {
            return new FileState(entry.Stamp, lastGood, problem);
        }
#pragma warning disable CA1031 // a parser's failure on one file must not stop the others from being published
        catch (Exception failure)
#pragma warning restore CA1031
        {
            return new FileState(entry.Stamp, lastGood, new ContentException(entry.RelativePath, $"cannot be loaded: {failure.Message}"));
        }
    }

    /// <summary>At the first reading, the file's article as the index holds it, when the file and its media files are as they were.</summary>
    private FileState? FromIndex(ArticleEntry entry)
    {
        if (lastReading is not null || Index?.Find(entry) is not { } article)
            return null;
        var state = new FileState(entry.Stamp, article, null, FromIndex: true);
        if (MediaChanged(state))
            return null;
        TakenFromIndex++;
        return state;
    }

    /// <summary>Where every article of the folder is read again from.</summary>
    private FolderRereader Rereader => rereader ??= Index?.Rereader ?? new FolderRereader(folder, limits, rawHtml);

    private FolderRereader? rereader;

    /// <summary>
    /// Every file of the last reading that publishes an article (its last good version, when it has a problem now): what
    /// the index keeps, under the slug it is published at, so that after a restart a file moved into its folders' slug
    /// stays there. A list made now, which the readings that follow leave as it is.
    /// </summary>
    public IReadOnlyList<PublishedFile> Published() =>
        [.. files.Where(file => file.Value.Good is not null)
            .Select(file => new PublishedFile(file.Key, file.Value.Stamp, slugs.PublishedAs(file.Key, file.Value.Good!), file.Value.Problem is not null))];

    /// <summary>One article per slug (<see cref="SlugOwnership"/> says whose), and every problem in path order.</summary>
    private ContentReading Publishable()
    {
        var problems = new List<ContentException>(lastScan.Skipped);
        foreach (var state in files.Values)
        {
            if (state.Problem is { } problem)
                problems.Add(problem);
        }
        var articles = slugs.Decide(files, problems);
        foreach (var article in articles)
        {
            if (article.Metadata.Media.Problems.Count > 0)
                problems.AddRange(article.Metadata.Media.Problems.Select(problem => new ContentException(problem.Path, problem.Reason) { IsWarning = true }));
        }

        // A stable sort: one file's problems keep their order (its own, then its slug's or its media files').
        return new ContentReading(articles, [.. problems.OrderBy(problem => problem.Path, StringComparer.Ordinal)]);
    }
}
