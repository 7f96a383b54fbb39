namespace ArticleSite.Loading;

/// <summary>What the content folder publishes at one moment: one article per slug, and every file that has a problem.</summary>
public sealed record ContentReading(IReadOnlyList<Article> Articles, IReadOnlyList<ContentException> Problems);

/// <summary>
/// The content folder as last read. It re-reads only files that changed, and remembers the last good version of each
/// file, so that a bad save reports a problem and keeps the article as it was.
/// </summary>
public sealed class ContentLibrary(string folder, RawHtml rawHtml)
{
    private Dictionary<string, FileState> files = new(StringComparer.Ordinal);

    /// <summary>Which file published each slug last time: it keeps the slug when another file claims it too.</summary>
    private Dictionary<string, string> slugOwners = new(StringComparer.Ordinal);

    public string Folder => folder;

    /// <summary>Reads the folder again: new files, files whose size or time changed, and the paths in <paramref name="touched"/> are loaded.</summary>
    /// <returns>What is publishable now, and whether anything differs from the previous reading.</returns>
    /// <exception cref="ContentException">The folder is missing or holds no Markdown file.</exception>
    public (ContentReading Reading, bool Changed) Read(IReadOnlySet<string>? touched = null)
    {
        var entries = ContentFolder.Entries(folder);
        var next = new Dictionary<string, FileState>(entries.Count, StringComparer.Ordinal);
        var toLoad = new List<(string Path, Stamp Stamp, Article? LastGood)>();
        foreach (var entry in entries)
        {
            var stamp = new Stamp(entry is FileInfo file ? file.Length : -1, entry.LastWriteTimeUtc);
            if (files.TryGetValue(entry.FullName, out var known) && known.Stamp == stamp && touched?.Contains(entry.FullName) != true)
                next[entry.FullName] = known;
            else
                toLoad.Add((entry.FullName, stamp, known?.Good));
        }

        foreach (var (path, state) in toLoad.AsParallel().Select(file => (file.Path, Load(file.Path, rawHtml, file.Stamp, file.LastGood))))
            next[path] = state;

        var changed = toLoad.Count > 0 || next.Count != files.Count;
        files = next;
        return (Publishable(), changed);
    }

    private static FileState Load(string path, RawHtml rawHtml, Stamp stamp, Article? lastGood)
    {
        try
        {
            return new FileState(stamp, ArticleFile.Load(path, rawHtml), null);
        }
        catch (ContentException problem)
        {
            return new FileState(stamp, lastGood, problem);
        }
#pragma warning disable CA1031 // a parser's failure on one file must not stop the others from being published
        catch (Exception failure)
#pragma warning restore CA1031
        {
            return new FileState(stamp, lastGood, new ContentException(path, $"cannot be loaded: {failure.Message}"));
        }
    }

    private ContentReading Publishable()
    {
        var bySlug = new Dictionary<string, Article>(files.Count, StringComparer.Ordinal);
        var problems = new List<ContentException>();
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
                bySlug[article.Metadata.Slug] = article;
        }

        slugOwners = bySlug.ToDictionary(pair => pair.Key, pair => pair.Value.SourcePath, StringComparer.Ordinal);
        return new ContentReading([.. bySlug.Values], [.. problems.OrderBy(problem => problem.Path, StringComparer.Ordinal)]);
    }

    private readonly record struct Stamp(long Length, DateTime LastWrite);

    /// <summary>A file as last read: the article it publishes (its last good version) and its current problem, if any.</summary>
    private sealed record FileState(Stamp Stamp, Article? Good, ContentException? Problem);
}
