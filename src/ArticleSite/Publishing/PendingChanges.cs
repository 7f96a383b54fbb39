using ArticleSite.Loading;

namespace ArticleSite.Publishing;

/// <summary>What the watcher saw since the last reading, handed whole to the next one.</summary>
internal sealed class PendingChanges
{
    private readonly Lock sync = new();

    private HashSet<string> touched = new(StringComparer.Ordinal);

    private HashSet<string> renamedIn = new(StringComparer.Ordinal);

    /// <summary>A change the watcher cannot name (the folder itself, a lost event): the next reading lists the whole folder.</summary>
    private bool wholeFolder;

    public bool Any
    {
        get
        {
            lock (sync)
                return touched.Count > 0 || renamedIn.Count > 0 || wholeFolder;
        }
    }

    /// <summary>Paths to read again even if their size and time look the same; none at all: a change the watcher cannot name.</summary>
    public void Touched(string[] paths)
    {
        lock (sync)
        {
            touched.UnionWith(paths);
            wholeFolder |= paths.Length == 0;
        }
    }

    /// <summary>A file renamed into place was written elsewhere first: it is complete, and read without the settle time.</summary>
    public void RenamedIn(string path)
    {
        lock (sync)
            renamedIn.Add(path);
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
}
