namespace ArticleSite.Tests.Support;

/// <summary>A cache folder several site processes share, as replicas on one machine do; deleted after the test.</summary>
internal sealed class SharedCacheFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("articlesite-shared-cache-").FullName;

    /// <summary>The article index files in it: one per content folder.</summary>
    public string[] IndexFiles() => Directory.GetFiles(System.IO.Path.Combine(Path, "index"), "*.db");

    /// <summary>A replica: the site started from the repository on <paramref name="contentFolder"/>, keeping its cache here.</summary>
    public SiteProcess StartReplica(string contentFolder, params string[] settings) =>
        SiteProcess.StartSharingCache(Path, RepositoryPaths.Root, ["--content", contentFolder, .. settings]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
