namespace ArticleSite.Loading;

/// <summary>An article file found in the content folder: its path relative to the folder, and its stamp when it was listed.</summary>
internal sealed record ArticleEntry(string RelativePath, FileStamp Stamp)
{
    public string FullPath => Stamp.FullPath;
}

/// <summary>What one scan of the content folder found: the article files, and the entries it would not read, each with its reason.</summary>
/// <param name="Folders">The folders it read, relative to the content folder ("." for the folder itself).</param>
/// <param name="Entries">How many entries it counted: more than <see cref="ContentLimits.MaxFolderEntries"/> when it stopped early.</param>
internal sealed record FolderScan(IReadOnlyList<ArticleEntry> Articles, IReadOnlyList<ContentException> Skipped, IReadOnlySet<string> Folders, int Entries);

/// <summary>What one path the watcher named is now, looked at on its own.</summary>
internal enum NamedPathKind
{
    /// <summary>An article file, in a folder the last scan read.</summary>
    Article,

    /// <summary>Nothing is there, and no folder the last scan read was.</summary>
    Gone,

    /// <summary>Not for the folder's articles: a hidden name, or a file not named like an article (maybe a picture).</summary>
    Other,

    /// <summary>What only a scan of the whole folder can judge: a folder, a link, a pipe, anything in a folder the last scan did not read.</summary>
    NeedsScan,
}

/// <summary>
/// The folder of article files: where it is, and what it holds. Only regular files inside it are read. Symbolic links
/// inside it are not followed (the folder itself may be one), so nothing outside the folder is ever published and no
/// link can make the scan go round in circles; folders are also recognised by device and inode, which catches the
/// loops that bind mounts can make.
/// </summary>
internal static class ContentFolder
{
    /// <summary>The path problems about the folder itself are reported under.</summary>
    public const string Itself = ".";

    private static readonly string[] ArticleExtensions = [".md", ".markdown"];

    /// <summary>Folders whose contents are the system's, not a writer's: a content folder that is one of them is refused.</summary>
    private static readonly string[] SystemFolders = ["/", "/proc", "/sys", "/dev", "/etc", "/usr", "/bin", "/sbin", "/lib", "/boot", "/run", "/var", "/root", "/home"];

    /// <summary>Finds the folder, so the site starts from the repository root, from the project folder or from a publish folder.</summary>
    public static string Locate(string configuredPath)
    {
        if (Path.IsPathRooted(configuredPath))
            return Path.GetFullPath(configuredPath);

        var candidates = AncestorsOf(Directory.GetCurrentDirectory())
            .Concat(AncestorsOf(AppContext.BaseDirectory))
            .Select(directory => Path.Combine(directory, configuredPath));

        return candidates.FirstOrDefault(Directory.Exists)
            ?? Path.GetFullPath(configuredPath);
    }

    private static IEnumerable<string> AncestorsOf(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
            yield return current.FullName;
    }

    /// <summary>True for a file name that holds an article: <c>*.md</c> and <c>*.markdown</c>.</summary>
    public static bool IsArticleName(string name)
    {
        foreach (var extension in ArticleExtensions)
        {
            if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>The folder's identity (device and inode), or null while it does not exist: a replaced folder has a new one.</summary>
    public static EntryStatus? Identify(string folder) => FileStatus.OfTarget(folder);

    /// <summary>
    /// Lists every article file in the folder and below it, in path order, and every entry skipped with its reason.
    /// Entries are counted in a fixed order: each folder's entries by name (ordinal), then its subfolders', by name. Past
    /// <see cref="ContentLimits.MaxFolderEntries"/> no new entry is read, but each of the <paramref name="known"/> article
    /// files is still looked at on its own: the budget keeps new files out, it never withdraws a published article.
    /// </summary>
    /// <param name="known">The article files (relative paths) the last reading had.</param>
    /// <exception cref="ContentException">The folder is missing, is not a folder, is a system folder, or holds no article file.</exception>
    public static FolderScan Scan(string folder, ContentLimits limits, IReadOnlyCollection<string>? known = null)
    {
        var root = Identify(folder) ?? throw ProblemOfFolder(folder, "the content folder does not exist");
        if (root.Kind != EntryKind.Directory)
            throw ProblemOfFolder(folder, "the content folder is not a folder");
        if (SystemFolders.FirstOrDefault(system => IsSameFolder(root, system)) is { } systemFolder)
            throw ProblemOfFolder(folder, $"the content folder is the system folder {systemFolder}, not a folder of articles");

        var articles = new List<ArticleEntry>();
        var skipped = new List<ContentException>();
        var visited = new HashSet<(ulong, ulong)> { (root.Device, root.Inode) };
        var pending = new Stack<(string Path, string Relative, int Depth)>([(folder, Itself, 0)]);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        while (pending.TryPop(out var directory))
        {
            folders.Add(directory.Relative);
            var subfolders = new List<(string Path, string Relative, int Depth)>();
            var undecodable = false;
            foreach (var path in ListOrReport(directory.Path, folder, skipped))
            {
                var name = Path.GetFileName(path);
                var relative = directory.Relative == Itself ? name : $"{directory.Relative}/{name}";
                if (++seen > limits.MaxFolderEntries)
                {
                    skipped.Add(new ContentException(Itself, $"holds more than {limits.MaxFolderEntries:N0} entries (ContentLimits:MaxFolderEntries); from {relative} on, in sorted order, no new entry is read: articles published before stay, new ones are not published", folder));
                    pending.Clear();
                    subfolders.Clear();
                    break;
                }

                if (name.StartsWith('.'))
                    continue; // editors' and tools' own files: .git, .swp, .DS_Store

                EntryStatus? status;
                try
                {
                    status = FileStatus.OfEntry(path);
                }
                catch (IOException problem)
                {
                    skipped.Add(new ContentException(relative, $"cannot be examined: {problem.Message}"));
                    continue;
                }

                switch (status)
                {
                    case null when name.Contains('\uFFFD'):
                        undecodable = true; // not gone: a name .NET cannot give back to the file system
                        continue;
                    case null:
                        continue; // gone since it was listed
                    case { Kind: EntryKind.File } file when IsArticleName(name):
                        articles.Add(new ArticleEntry(relative, file.Stamp));
                        break;
                    case { Kind: EntryKind.Directory } subfolder:
                        if (IsArticleName(name))
                            skipped.Add(new ContentException(relative, "is a folder named like an article file; what it holds is read as a folder's"));
                        if (directory.Depth + 1 > limits.MaxFolderDepth)
                            skipped.Add(new ContentException(relative, $"is more than {limits.MaxFolderDepth} folders deep (ContentLimits:MaxFolderDepth); not read"));
                        else if (subfolder.Inode != 0 && !visited.Add((subfolder.Device, subfolder.Inode)))
                            skipped.Add(new ContentException(relative, "is a folder already read under another path (a loop); not read again"));
                        else
                            subfolders.Add((path, relative, directory.Depth + 1));
                        break;
                    case { Kind: EntryKind.SymbolicLink }:
                        if (IsArticleName(name) || FileStatus.OfTarget(path) is { Kind: EntryKind.Directory })
                            skipped.Add(new ContentException(relative, "is a symbolic link; links inside the content folder are not followed"));
                        break;
                    case { } other when IsArticleName(name):
                        skipped.Add(new ContentException(relative, $"is {Describe(other.Kind)}, not a regular file; not read"));
                        break;
                }
            }
            if (undecodable)
                skipped.AddRange(NotUtf8Names(directory.Path, directory.Relative));
            for (var index = subfolders.Count - 1; index >= 0; index--)
                pending.Push(subfolders[index]); // the first by name is read first
        }
        if (seen > limits.MaxFolderEntries && known is not null)
            articles.AddRange(KnownBeyondTheBudget(folder, known, articles));

        if (articles.Count == 0 && skipped.Count == 0)
            throw ProblemOfFolder(folder, "the content folder holds no Markdown (*.md, *.markdown) article");
        articles.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        skipped.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
        return new FolderScan(articles, skipped, folders, seen);
    }

    /// <summary>
    /// Each name in the folder that is not valid UTF-8, reported with its bytes escaped (caf\xE9.md): .NET's file APIs
    /// cannot open such a name at all, so it is not read, but it is never skipped without a word.
    /// </summary>
    private static IEnumerable<ContentException> NotUtf8Names(string directory, string relativeDirectory) =>
        FileStatus.RawNames(directory)
            .Where(name => name is not [(byte)'.', ..] && !System.Text.Unicode.Utf8.IsValid(name))
            .Select(name => EscapedName.OfBytes(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new ContentException(relativeDirectory == Itself ? name : $"{relativeDirectory}/{name}",
                "has a name that is not valid UTF-8 (each such byte shown as \\xNN); not read: rename it in UTF-8"));

    /// <summary>The known article files a scan stopped by the entry budget did not reach, that are still article files where they were.</summary>
    private static IEnumerable<ArticleEntry> KnownBeyondTheBudget(string folder, IReadOnlyCollection<string> known, List<ArticleEntry> listed)
    {
        var reached = listed.Select(entry => entry.RelativePath).ToHashSet(StringComparer.Ordinal);
        var root = Path.TrimEndingDirectorySeparator(folder);
        foreach (var relative in known.Where(path => !reached.Contains(path)))
        {
            EntryStatus? status;
            try
            {
                status = Walk(root, relative) is (var full, null) ? FileStatus.OfEntry(full) : null;
            }
            catch (IOException)
            {
                continue; // withdrawn as if gone: a whole scan within the budget would report it
            }
            if (status is { Kind: EntryKind.File } file)
                yield return new ArticleEntry(relative, file.Stamp with { FullPath = Path.Combine(folder, relative) });
        }
    }

    /// <summary>
    /// Looks at one path alone, as <see cref="Scan"/> would judge it, given the folders the last scan read: an article
    /// file (with its size and time), nothing, something else, or something only a whole scan can judge.
    /// </summary>
    /// <param name="relativePath">The path relative to the folder, with '/' separators.</param>
    public static (NamedPathKind Kind, ArticleEntry? Entry) Look(string folder, string relativePath, IReadOnlySet<string> scannedFolders)
    {
        if (relativePath == Itself || relativePath.StartsWith("../", StringComparison.Ordinal) || relativePath == ".." || Path.IsPathRooted(relativePath))
            return (NamedPathKind.NeedsScan, null);
        if (relativePath.Split('/').Any(segment => segment.StartsWith('.')))
            return (NamedPathKind.Other, null); // the scan reads nothing hidden, nor anything in a hidden folder
        var slash = relativePath.LastIndexOf('/');
        if (!scannedFolders.Contains(slash < 0 ? Itself : relativePath[..slash]))
            return (NamedPathKind.NeedsScan, null);

        var fullPath = Path.Combine(folder, relativePath);
        EntryStatus? status;
        try
        {
            status = FileStatus.OfEntry(fullPath);
        }
        catch (IOException)
        {
            return (NamedPathKind.NeedsScan, null);
        }
        return status switch
        {
            null when relativePath.Contains('\uFFFD') => (NamedPathKind.NeedsScan, null), // maybe a name that is not UTF-8: the scan reports it
            null => (scannedFolders.Contains(relativePath) ? NamedPathKind.NeedsScan : NamedPathKind.Gone, null),
            { Kind: EntryKind.File } file when IsArticleName(Path.GetFileName(relativePath)) =>
                (NamedPathKind.Article, new ArticleEntry(relativePath, file.Stamp)),
            { Kind: EntryKind.File } => (NamedPathKind.Other, null),
            _ => (NamedPathKind.NeedsScan, null),
        };
    }

    /// <summary>
    /// Follows a path relative to the folder one entry at a time, as the scan would reach it: every entry on the way a
    /// folder, none a symbolic link (a link anywhere could lead outside, or into /proc). Says where it stopped and why,
    /// or the full path of what is at its end (a regular file or not: the caller opens it and sees).
    /// </summary>
    /// <param name="root">The content folder's full path, without a trailing separator.</param>
    /// <exception cref="IOException">An entry on the way cannot be examined.</exception>
    public static (string Reached, string? Problem) Walk(string root, string relativePath)
    {
        var walked = root;
        var segments = relativePath.Split('/');
        for (var index = 0; index < segments.Length; index++)
        {
            walked += "/" + segments[index];
            var problem = FileStatus.OfEntry(walked) switch
            {
                null => "does not exist",
                { Kind: EntryKind.SymbolicLink } => "passes through a symbolic link; links inside the content folder are not followed",
                { Kind: not EntryKind.Directory } when index < segments.Length - 1 => "does not exist",
                _ => null,
            };
            if (problem is not null)
                return (walked, problem);
        }
        return (walked, null);
    }

    /// <summary>A problem of the folder itself: reported as <see cref="Itself"/>, logged with the folder's full path.</summary>
    public static ContentException ProblemOfFolder(string folder, string reason) => new(Itself, reason, folder);

    /// <summary>The path relative to the content folder, with '/' separators: how problems name files.</summary>
    public static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static string[] ListOrReport(string directory, string folder, List<ContentException> skipped)
    {
        try
        {
            var entries = Directory.GetFileSystemEntries(directory);
            Array.Sort(entries, StringComparer.Ordinal); // the order the entry budget counts in, whatever the file system's
            return entries;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            var relative = Relative(folder, directory);
            skipped.Add(relative == Itself ? ProblemOfFolder(folder, $"cannot be listed: {problem.Message}") : new ContentException(relative, $"cannot be listed: {problem.Message}"));
            return [];
        }
    }

    private static bool IsSameFolder(EntryStatus folder, string other) =>
        folder.Inode != 0 && FileStatus.OfTarget(other) is { } status && (status.Device, status.Inode) == (folder.Device, folder.Inode);

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.NamedPipe => "a named pipe (FIFO)",
        EntryKind.Socket => "a socket",
        EntryKind.Device => "a device",
        _ => "not a file",
    };
}
