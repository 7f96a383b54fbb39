namespace ArticleSite.Tests.Support;

/// <summary>Folders of this repository, found from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    public static string AppProject => Path.Combine(Root, "src", "ArticleSite");

    /// <summary>The reporter's text as received, kept beside the tests as the oracle the site is checked against.</summary>
    public static string SourceArticle => Path.Combine(AppContext.BaseDirectory, "Fixtures", "source-article.txt");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ArticleSite.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"ArticleSite.sln not found above {AppContext.BaseDirectory}");
    }
}
