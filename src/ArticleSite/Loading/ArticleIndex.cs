namespace ArticleSite.Loading;

/// <summary>A file as the last reading (or the index) left it, with the article it publishes (its last good version when it has a problem now).</summary>
/// <param name="HasProblem">The file's current bytes cannot be published: its row is not kept, so it is read again at the next start.</param>
internal sealed record PublishedFile(string RelativePath, FileStamp Stamp, Article Article, bool HasProblem = false);

/// <summary>
/// The article index of one content folder: at start-up, each file whose size and time are those it had when it was
/// last published takes its article from here instead of being read and parsed again; after each publication the index
/// is brought up to date on a thread of its own, with the bytes of every version published, so that an article's bodies can
/// be rendered again even after its file was saved with a problem (<see cref="FolderRereader"/>). Each row is checked against
/// the folder before it is used (<see cref="ArticleRow.Read"/>); a save that fails is tried again after
/// <see cref="RetryAfter"/>, or at the next publication if that comes first.
/// </summary>
internal sealed partial class ArticleIndex : IDisposable
{
    /// <summary>How long disposing waits for a save under way: the next start would otherwise read more files.</summary>
    private static readonly TimeSpan SaveGrace = TimeSpan.FromSeconds(30);

    /// <summary>How long after a failed save the index tries again, when no publication asks for a save sooner.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private readonly string folder;
    private readonly ContentLimits limits;
    private readonly ILogger logger;
    private readonly Task loaded;
    private readonly ITimer retry;

    /// <summary>The indexed files by path, as read at start-up; let go of at the first save, once the first reading is made.</summary>
    private Dictionary<string, PublishedFile>? indexed;

    /// <summary>The bytes of this many versions are read, compressed and written in one transaction: a save stopped at shutdown keeps what it wrote.</summary>
    private const int VersionsPerTransaction = 5_000;

    private readonly Lock saving = new();
    private volatile bool stopping;
    private IReadOnlyList<PublishedFile>? pending;
    private Task? running;

    /// <summary>
    /// What the database holds, as the last save left it; made from the indexed files by the first save, and read from
    /// the database again whenever it may have changed under it (<see cref="IndexDatabase.Changes"/>). Only the saving task touches it.
    /// </summary>
    private Dictionary<string, (FileStamp Stamp, UInt128 Hash)>? stored;
    private HashSet<UInt128>? storedVersions;
    private int storedAt;

    /// <summary>The last save threw; only the saving task touches it.</summary>
    private bool saveFailed;

    /// <summary>Starts reading the index of <paramref name="folder"/> on the thread pool, while the folder is scanned.</summary>
    public ArticleIndex(IndexDatabase database, string folder, ContentLimits limits, RawHtml rawHtml, ILogger logger, TimeProvider time)
    {
        Database = database;
        Rereader = new FolderRereader(folder, limits, rawHtml, database);
        this.folder = folder;
        this.limits = limits;
        this.logger = logger;
        retry = time.CreateTimer(_ => SaveAgain(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        loaded = Task.Run(Load);
    }

    public IndexDatabase Database { get; }

    /// <summary>The rows, once read: <see cref="Find"/> answers after this completes.</summary>
    public Task Loaded => loaded.ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>The article stored for the file, when the file's stamp is the one it had; null otherwise.</summary>
    public Article? Find(ArticleEntry entry) =>
        indexed is { } files && files.TryGetValue(entry.RelativePath, out var file) && file.Stamp == entry.Stamp ? file.Article : null;

    /// <summary>Where the folder's articles are read again from: their files, else the bytes the index kept.</summary>
    public FolderRereader Rereader { get; }

    /// <summary>Brings the index up to date with <paramref name="files"/> on a thread of its own; saves asked for meanwhile are made as one.</summary>
    /// <param name="files">A reading's files, as one list: the library goes on changing while it is saved.</param>
    public void SaveLater(IReadOnlyList<PublishedFile> files)
    {
        lock (saving)
        {
            if (stopping)
                return; // a reload that ends during shutdown: the next start reads what changed
            pending = files;
            running ??= StartSaving();
        }
    }

    /// <summary>Waits for a save under way, so that the next start finds what this one published.</summary>
    public void Dispose()
    {
        Task? task;
        lock (saving)
        {
            stopping = true;
            task = running;
        }
        task?.ContinueWith(_ => { }, TaskScheduler.Default).Wait(SaveGrace);
        retry.Dispose();
        Database.Close();
    }

    /// <summary>Reads every row that the folder confirms into an article, one at a time: no row is kept as bytes once read.</summary>
    private void Load()
    {
        storedAt = Database.Changes;
        var files = Database.ReadArticles(row => ArticleRow.Read(row, Rereader, folder));
        indexed = files.ToDictionary(file => file.RelativePath, StringComparer.Ordinal);
    }

    private void SaveAll()
    {
        while (true)
        {
            IReadOnlyList<PublishedFile> files;
            lock (saving)
            {
                if (pending is null)
                {
                    running = null;
                    return;
                }
                (files, pending) = (pending, null);
            }
            if (TrySave(files) || Database.TakenOver)
                continue;
            lock (saving)
            {
                pending ??= files;
                running = null;
                if (!stopping)
                    retry.Change(RetryAfter, Timeout.InfiniteTimeSpan);
                return;
            }
        }
    }

    /// <summary>The retry of a failed save, unless a publication has saved since.</summary>
    private void SaveAgain()
    {
        lock (saving)
        {
            if (!stopping && pending is not null)
                running ??= StartSaving();
        }
    }

    /// <summary>
    /// A thread of its own, not the thread pool's: a save runs synchronously for as long as it takes (a first save of a
    /// large archive, minutes), and on a pool thread it held one of the few the pool keeps (one a core), so while an edit
    /// was published a reader's new connection waited until the pool added a thread (docs/benchmarks.md, Edit latency).
    /// </summary>
    private Task StartSaving() => Task.Factory.StartNew(SaveAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <returns>False when the save failed, and is to be tried again.</returns>
    private bool TrySave(IReadOnlyList<PublishedFile> files)
    {
        try
        {
            var saved = Save(files);
            saveFailed &= !saved;
            return saved;
        }
#pragma warning disable CA1031 // the index only saves time: whatever goes wrong is logged (once until a save succeeds) and the site serves on
        catch (Exception failure)
#pragma warning restore CA1031
        {
            (stored, storedVersions) = (null, null); // read again from the file: the save may have stopped between a write and its note
            if (!saveFailed)
                LogSaveFailed(Database.File, failure);
            saveFailed = true;
            return false;
        }
    }

    /// <summary>
    /// Writes the rows that changed and deletes those of files gone or with a problem (one transaction: what the next
    /// start needs first), then keeps the bytes of every version published and no other, a batch at a time.
    /// </summary>
    /// <returns>False when the database could not be read or written.</returns>
    private bool Save(IReadOnlyList<PublishedFile> files)
    {
        var fromIndexed = Interlocked.Exchange(ref indexed, null);
        var changes = Database.Changes;
        if (changes != storedAt)
            (stored, storedVersions, fromIndexed) = (null, null, null);
        stored ??= fromIndexed?.ToDictionary(file => file.Key, file => (file.Value.Stamp, file.Value.Article.VersionHash), StringComparer.Ordinal)
            ?? Database.ReadStamps(folder);
        storedVersions ??= Database.ReadVersionHashes();
        if (stored is null || storedVersions is null)
            return false;
        storedAt = changes;

        var current = files.Where(file => !file.HasProblem).ToList();
        var changed = current.Where(file => stored.GetValueOrDefault(file.RelativePath) != (file.Stamp, file.Article.VersionHash)).ToList();
        var paths = current.Select(file => file.RelativePath).ToHashSet(StringComparer.Ordinal);
        var gone = stored.Keys.Where(path => !paths.Contains(path)).ToList();
        if (changed.Count + gone.Count > 0)
        {
            if (!Database.WriteArticles(changed, gone))
                return false;
            foreach (var file in changed)
                stored[file.RelativePath] = (file.Stamp, file.Article.VersionHash);
            foreach (var path in gone)
                stored.Remove(path);
        }

        var published = files.Select(file => file.Article.VersionHash).ToHashSet();
        var versionsGone = storedVersions.Where(hash => !published.Contains(hash)).ToList();
        var missing = files.Where(file => !storedVersions.Contains(file.Article.VersionHash)).DistinctBy(file => file.Article.VersionHash).ToList();
        var kept = 0;
        foreach (var batch in missing.Chunk(VersionsPerTransaction).DefaultIfEmpty([]))
        {
            if (stopping)
                break;
            var versions = batch.Select(file => (file.Article.VersionHash, Bytes: PublishedBytes(file))).Where(version => version.Bytes is not null).Select(version => (version.VersionHash, version.Bytes!)).ToList();
            if (versions.Count + versionsGone.Count == 0)
                continue;
            if (!Database.WriteVersions(versions, versionsGone))
                return false;
            storedVersions.UnionWith(versions.Select(version => version.VersionHash));
            foreach (var (hash, _) in versions)
                Rereader.Kept(hash);
            storedVersions.ExceptWith(versionsGone);
            versionsGone = [];
            kept += versions.Count;
        }
        if (changed.Count + gone.Count + kept > 0)
            LogSaved(Database.File, changed.Count, gone.Count, kept);
        return true;
    }

    /// <summary>The bytes its article was read from: remembered by the reload that read them, else the file's while it still holds them.</summary>
    private byte[]? PublishedBytes(PublishedFile file)
    {
        if (Rereader.Recall(file.Article.VersionHash) is { } remembered)
            return remembered;
        try
        {
            var bytes = ArticleBytes.Read(Path.Join(folder, file.RelativePath), file.RelativePath, limits.MaxFileBytes);
            return ArticleFile.HashOf(bytes, file.Article.Metadata.Media) == file.Article.VersionHash ? bytes : null;
        }
        catch (ContentException)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Information, "Saved the article index {File}: {Rows} article(s) written, {Gone} gone, {Versions} version(s) kept")]
    private partial void LogSaved(string file, int rows, int gone, int versions);

    [LoggerMessage(LogLevel.Warning, "Saving the article index {File} failed; the site serves on, and tries again later")]
    private partial void LogSaveFailed(string file, Exception exception);
}
