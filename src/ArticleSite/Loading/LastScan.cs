namespace ArticleSite.Loading;

/// <summary>
/// What the last whole scan of the content folder knew besides its article files: the entries it would not read, the
/// folders it read, how many entries it counted, and which folder it read (device and inode). A reading of the paths
/// the watcher named relies on it, and lists the whole folder again wherever it cannot.
/// </summary>
internal sealed class LastScan(string folder, ContentLimits limits)
{
    private IReadOnlySet<string> folders = new HashSet<string>();
    private int entries;
    private EntryStatus? identity;

    /// <summary>The entries the last scan would not read, each with its reason.</summary>
    public IReadOnlyList<ContentException> Skipped { get; private set; } = [];

    /// <summary>Keeps what a whole scan found; true when the entries it would not read, or their reasons, changed.</summary>
    /// <param name="scanned">The folder as the scan began: <see cref="ContentFolder.Identify"/>.</param>
    public bool Keep(FolderScan scan, EntryStatus? scanned)
    {
        var skippedChanged = !scan.Skipped.Select(problem => problem.Message).SequenceEqual(Skipped.Select(problem => problem.Message));
        (Skipped, folders, entries, identity) = (scan.Skipped, scan.Folders, scan.Entries, scanned);
        return skippedChanged;
    }

    /// <summary>
    /// Whether named paths may be looked at alone: the scan counted no more entries than the limit, and the folder at the
    /// path is still the one it read.
    /// </summary>
    public bool AllowsLookingAlone() => entries <= limits.MaxFolderEntries && IsFolderScanned();

    /// <summary>Whether the scan reported the path: only a scan says what it is now.</summary>
    public bool Reported(string path) => Skipped.Any(problem => problem.Path == path);

    /// <summary>Looks at one path alone, as the scan would judge it (<see cref="ContentFolder.Look"/>).</summary>
    public (NamedPathKind Kind, ArticleEntry? Entry) Look(string relativePath) => ContentFolder.Look(folder, relativePath, folders);

    /// <summary>Whether the folder stays within the entry limit with <paramref name="added"/> new files.</summary>
    public bool HasRoomFor(int added) => entries + added <= limits.MaxFolderEntries;

    /// <summary>True while the folder at the path is the one the last scan read (by device and inode).</summary>
    private bool IsFolderScanned()
    {
        try
        {
            return ContentFolder.Identify(folder) is { } now && identity is { } scanned && (now.Device, now.Inode) == (scanned.Device, scanned.Inode);
        }
        catch (IOException)
        {
            return false; // the scan reports why
        }
    }
}
