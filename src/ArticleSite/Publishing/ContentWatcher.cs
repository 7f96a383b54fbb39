using ArticleSite.Loading;

namespace ArticleSite.Publishing;

/// <summary>
/// Watches the content folder for changes, and the folder above it for the content folder itself being deleted,
/// recreated or replaced (a checkout made anew, a deploy that swaps a symbolic link): <see cref="Rearm"/>, called before
/// each reading, then watches the folder now at the path. While nothing can be watched, the periodic rescan still
/// reads every change, and <see cref="State"/> says so.
/// </summary>
internal sealed class ContentWatcher(string folder, Action<string[]> touched, Action<string> renamedIn) : IDisposable
{
    public const string Watching = "watching";

    private readonly Lock sync = new();

    private FileSystemWatcher? inside;

    private FileSystemWatcher? above;

    private (ulong Device, ulong Inode)? watched;

    private string? notWatching = "not started";

    /// <summary>"watching", or "rescans only: " and the reason.</summary>
    public string State
    {
        get
        {
            lock (sync)
                return notWatching is null ? Watching : $"rescans only: {notWatching}";
        }
    }

    /// <summary>Watches the folder now at the path, unless it is the one already watched.</summary>
    /// <returns>True when it has only now started watching: what changed before then was not seen.</returns>
    public bool Rearm()
    {
        EntryStatus? folderNow;
        try
        {
            folderNow = ContentFolder.Identify(folder);
        }
        catch (IOException problem)
        {
            Stop($"the content folder cannot be examined: {problem.Message}");
            return false;
        }

        lock (sync)
        {
            WatchAbove();
            if (folderNow is not { Kind: EntryKind.Directory } identity)
            {
                StopLocked("the content folder does not exist");
                return false;
            }
            if (notWatching is null && watched == (identity.Device, identity.Inode))
                return false;

            StopLocked(null);
            try
            {
                inside = new FileSystemWatcher(folder)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
                };
                inside.Changed += (_, change) => touched([change.FullPath]);
                inside.Created += (_, change) => touched([change.FullPath]);
                inside.Deleted += (_, change) => touched([change.FullPath]);
                inside.Renamed += (_, change) =>
                {
                    renamedIn(change.FullPath);
                    touched([change.OldFullPath, change.FullPath]);
                };
                inside.Error += (_, error) => Stop($"the watcher failed ({error.GetException().Message}); it is set up again at the next reading");
                inside.EnableRaisingEvents = true;
                (watched, notWatching) = ((identity.Device, identity.Inode), null);
                return true;
            }
            catch (Exception problem) when (problem is IOException or ArgumentException or UnauthorizedAccessException)
            {
                StopLocked($"the content folder cannot be watched: {problem.Message}");
                return false;
            }
        }
    }

    /// <summary>The folder above sees the content folder's own name come and go; events lost meanwhile are found by reading everything.</summary>
    private void WatchAbove()
    {
        if (above is not null || Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)) is not { } parent || !Directory.Exists(parent))
            return;
        try
        {
            above = new FileSystemWatcher(parent, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)))
            {
                NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName,
            };
            above.Created += (_, _) => touched([]);
            above.Deleted += (_, _) => touched([]);
            above.Renamed += (_, _) => touched([]);
            above.EnableRaisingEvents = true;
        }
        catch (Exception problem) when (problem is IOException or ArgumentException or UnauthorizedAccessException)
        {
            above = null; // the rescan still sees the folder return
        }
    }

    private void Stop(string reason)
    {
        lock (sync)
            StopLocked(reason);
        touched([]);
    }

    private void StopLocked(string? reason)
    {
        inside?.Dispose();
        (inside, watched, notWatching) = (null, null, reason);
    }

    public void Dispose()
    {
        lock (sync)
        {
            inside?.Dispose();
            above?.Dispose();
        }
    }
}
