namespace ArticleSite.Loading;

/// <summary>The folder of article files: where it is, and what it holds.</summary>
public static class ContentFolder
{
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

    private static readonly EnumerationOptions AllMarkdown = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden, // editors' dot files
    };

    /// <summary>Every entry named <c>*.md</c> or <c>*.markdown</c> (Jekyll's) in the folder and below it; one that is not a readable file is reported when loaded.</summary>
    /// <exception cref="ContentException">The folder is missing or holds no Markdown file.</exception>
    public static IReadOnlyList<FileSystemInfo> Entries(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ContentException(folder, "the content folder does not exist");

        var directory = new DirectoryInfo(folder);
        var entries = directory.EnumerateFileSystemInfos("*.md", AllMarkdown).Concat(directory.EnumerateFileSystemInfos("*.markdown", AllMarkdown)).ToList();
        return entries.Count > 0
            ? entries
            : throw new ContentException(folder, "the content folder holds no Markdown (*.md, *.markdown) article");
    }
}
