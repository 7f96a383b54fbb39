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

    /// <summary>Loads every <c>*.md</c> file of the folder: the articles that load, and a reason for each file that does not.</summary>
    public static (IReadOnlyList<Article> Articles, IReadOnlyList<ContentException> Problems) Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ContentException(folder, "the content folder does not exist");

        var files = Directory.GetFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ContentException(folder, "the content folder holds no Markdown (*.md) article");

        var articles = new List<Article>();
        var problems = new List<ContentException>();
        foreach (var file in files)
        {
            try
            {
                articles.Add(ArticleFile.Load(file));
            }
            catch (ContentException problem)
            {
                problems.Add(problem);
            }
        }
        return (articles, problems);
    }
}
