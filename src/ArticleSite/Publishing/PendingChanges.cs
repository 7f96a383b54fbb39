using ArticleSite.Loading;

namespace ArticleSite.Publishing;

/// <summary>
/// What the watcher saw since the last reading, handed whole to the next one; and whether a change is on its way to
/// readers, from the watcher's first sight of it until the reload that publishes it is done.
/// </summary>
internal sealed class PendingChanges
{
    private readonly Lock sync = new();

    private HashSet<string> touched = new(StringComparer.Ordinal);

    private HashSet<string> renamedIn = new(StringComparer.Ordinal);

    /// <summary>A change the watcher cannot name (the folder itself, a lost event): the next reading lists the whole folder.</summary>
    private bool wholeFolder;

    /// <summary>Completed while nothing waits to be published; while something does, a task completed once nothing does.</summary>
    private TaskCompletionSource quiet = Completed();

    /// <summary>Reloads begun and not done, those waiting for their turn included.</summary>
    private int reloading;

    public bool Any
    {
        get
        {
            lock (sync)
                return AnyLocked;
        }
    }

    private bool AnyLocked => touched.Count > 0 || renamedIn.Count > 0 || wholeFolder;

    /// <summary>
    /// Completed once no change waits to be read or published: work that only shares the cores with publishing (the search
    /// index's first build) waits for it between its steps, so that an edit never waits for that work.
    /// </summary>
    public Task Quiet
    {
        get
        {
            lock (sync)
                return quiet.Task;
        }
    }

    /// <summary>Paths to read again even if their size and time look the same; none at all: a change the watcher cannot name.</summary>
    public void Touched(string[] paths)
    {
        lock (sync)
        {
            touched.UnionWith(paths);
            wholeFolder |= paths.Length == 0;
            BusyLocked();
        }
    }

    /// <summary>A file renamed into place was written elsewhere first: it is complete, and read without the settle time.</summary>
    public void RenamedIn(string path)
    {
        lock (sync)
        {
            renamedIn.Add(path);
            BusyLocked();
        }
    }

    /// <summary>A reload begins: until it is done, <see cref="Quiet"/> waits.</summary>
    public void Reloading()
    {
        lock (sync)
        {
            reloading++;
            BusyLocked();
        }
    }

    /// <summary>
    /// A reload is done: quiet, unless the watcher saw a change meanwhile or <paramref name="filesWaiting"/> (files still
    /// being written or loaded, which a later reload publishes).
    /// </summary>
    public void Reloaded(bool filesWaiting)
    {
        lock (sync)
        {
            reloading--;
            if (reloading == 0 && !AnyLocked && !filesWaiting)
                quiet.TrySetResult();
        }
    }

    /// <summary>The changes seen so far, which are then forgotten; <paramref name="wholeFolder"/>: list the whole folder anyway.</summary>
    public FolderChanges Take(bool wholeFolder)
    {
        lock (sync)
        {
            var changes = new FolderChanges(touched, renamedIn, wholeFolder || this.wholeFolder);
            (touched, renamedIn, this.wholeFolder) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), false);
            return changes;
        }
    }

    private void BusyLocked()
    {
        if (quiet.Task.IsCompleted)
            quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
