using ArticleSite.Loading;
using ArticleSite.Rendering;
using BenchmarkDotNet.Attributes;

namespace ArticleSite.Benchmarks;

/// <summary>
/// What publishing costs: load and parse the content folder, render each article's page and text, and compress both
/// the way the snapshot does, for one article and for a folder of 1,000 (copies of the repository's article).
/// </summary>
[MemoryDiagnoser]
public class RenderPipelineBenchmarks
{
    private string folder = "";

    [Params(1, 1000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void WriteContentFolder()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "content", "lee-xi-gyeongju-summit.md"));
        folder = Directory.CreateTempSubdirectory("articlesite-benchmark-").FullName;
        for (var i = 0; i < Articles; i++)
        {
            var slug = $"article-{i:D4}";
            var article = lines.Select(line => line.StartsWith("slug:", StringComparison.Ordinal) ? $"slug: {slug}" : line);
            File.WriteAllLines(Path.Combine(folder, slug + ".md"), article);
        }
    }

    [GlobalCleanup]
    public void DeleteContentFolder() => Directory.Delete(folder, recursive: true);

    [Benchmark]
    public async Task<long> LoadParseRenderCompress()
    {
        using var library = new ContentLibrary(folder, new ContentLimits(), RawHtml.Sanitize, TimeSpan.Zero, TimeProvider.System);
        var reading = (await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true)).Reading;
        if (reading.Problems.Count > 0)
            throw reading.Problems[0];

        long bytes = 0;
        foreach (var article in reading.Articles)
        {
            var rendition = await ArticleRendition.RenderAsync(article.Parse(), "https://example.org", SiteRoutes.ArticlePage(article.Metadata.Slug), SiteIdentity.Default);
            foreach (var body in new[] { rendition.Page.Representation.Body, rendition.Text.Representation.Body })
                bytes += Compression.Brotli(body).Length + Compression.Gzip(body).Length;
        }
        return bytes;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ArticleSite.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"ArticleSite.sln not found above {AppContext.BaseDirectory}");
    }
}
