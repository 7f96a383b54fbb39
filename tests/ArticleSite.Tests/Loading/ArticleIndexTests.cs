using System.Net;
using System.Text;
using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The article index in the cache folder: a restart takes each file unchanged since the last run from it instead of
/// parsing the file again, and serves exactly what a start without it serves; it is never the source of truth. It also
/// keeps the bytes of every published version, so that an article saved with a problem is still served as it was.
/// </summary>
public sealed partial class ArticleIndexTests
{
    private const string BaseUrl = "https://news.example.org";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_takes_every_unchanged_file_from_the_index_and_answers_every_URL_with_the_same_status_headers_and_bytes()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();

        var (firstLog, first) = await RunAsync(content, cache.Path, FetchAllAsync);
        var (secondLog, second) = await RunAsync(content, cache.Path, FetchAllAsync);

        Assert.Contains("Took 0 of 6 article file(s) from the article index", string.Join('\n', firstLog), StringComparison.Ordinal);
        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', secondLog), StringComparison.Ordinal);
        Assert.True(first.Count > 60, $"{first.Count} responses compared");
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.All(first, response => Assert.Equal(response.Value.Headers, second[response.Key].Headers));
        Assert.All(first, response => Assert.Equal(response.Value.Body, second[response.Key].Body));
    }

    [Fact]
    public async Task A_file_edited_while_the_site_was_down_is_read_again_and_its_edit_served()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha, rewritten while the site was down.", "slug: alpha\n"));

        var (log, page) = await RunAsync(content, cache.Path, site => TextOfAsync(site, "/articles/alpha.txt"));

        Assert.Contains("Took 5 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha, rewritten while the site was down.\n", page);
    }

    [Fact]
    public async Task A_file_deleted_while_the_site_was_down_is_gone()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        File.Delete(Path.Combine(content.Path, "alpha.md"));

        var (log, status) = await RunAsync(content, cache.Path, async site =>
        {
            using var response = await site.CreateRawClient().GetAsync("/articles/alpha", Cancel);
            return response.StatusCode;
        });

        Assert.Contains("Took 5 of 5 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_restart_that_takes_every_file_from_the_index_keeps_the_versions_a_save_cut_short_left_out_once_it_has_answered()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => KeptVersionsAsync(cache, 6));
        IndexFile.Scalar(IndexFile.In(cache.Path)!, "DELETE FROM versions WHERE rowid IN (SELECT rowid FROM versions LIMIT 2)");

        var (log, status) = await RunAsync(content, cache.Path, async site =>
        {
            using var response = await site.CreateRawClient().GetAsync("/", Cancel);
            await KeptVersionsAsync(cache, 6);
            return response.StatusCode;
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Contains("0 article(s) written, 0 gone, 2 version(s) kept", string.Join('\n', log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_made_under_other_content_limits_is_not_used_and_is_made_again()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        var otherLimits = new Dictionary<string, string> { ["ContentLimits:MaxFileBytes"] = "1000000" };

        var (stale, _) = await RunAsync(content, cache.Path, _ => Task.FromResult(0), otherLimits);
        var (rebuilt, _) = await RunAsync(content, cache.Path, _ => Task.FromResult(0), otherLimits);

        Assert.Contains("Took 0 of 6 article file(s) from the article index", string.Join('\n', stale), StringComparison.Ordinal);
        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', rebuilt), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_written_by_another_build_is_not_used_and_is_made_again_under_this_builds_fingerprint()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        var database = IndexFile.In(cache.Path)!;
        var written = (string)IndexFile.Scalar(database, "SELECT value FROM meta WHERE key = 'fingerprint'")!;
        IndexFile.Scalar(database, "UPDATE meta SET value = 'another build' || substr(value, instr(value, ';')) WHERE key = 'fingerprint'");

        var (stale, _) = await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        var (rebuilt, _) = await RunAsync(content, cache.Path, _ => Task.FromResult(0));

        Assert.StartsWith($"{IndexDatabase.BuildFingerprint};", written, StringComparison.Ordinal);
        Assert.Contains("Took 0 of 6 article file(s) from the article index", string.Join('\n', stale), StringComparison.Ordinal);
        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', rebuilt), StringComparison.Ordinal);
        Assert.Equal(written, IndexFile.Scalar(database, "SELECT value FROM meta WHERE key = 'fingerprint'"));
    }

    [Fact]
    public async Task A_corrupt_index_is_reported_once_the_site_serves_from_the_files_and_the_index_is_made_again()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        var database = Assert.Single(Directory.GetFiles(Path.Combine(cache.Path, "index"), "*.db"));
        foreach (var file in Directory.GetFiles(Path.Combine(cache.Path, "index")))
            File.Delete(file);
        File.WriteAllBytes(database, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not a database at all; ", 500))));

        var (log, page) = await RunAsync(content, cache.Path, site => TextOfAsync(site, "/articles/alpha.txt"));
        var (next, _) = await RunAsync(content, cache.Path, _ => Task.FromResult(0));

        var reports = log.Where(line => line.Contains("cannot be used", StringComparison.Ordinal)).ToList();
        Assert.Equal($"Warning ArticleSite.Loading.ArticleIndex: The article index {database} cannot be used: SQLite Error 26: 'file is not a database'.; it is made again", Assert.Single(reports));
        Assert.Contains("Took 0 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha body.\n", page);
        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_empty_cache_path_no_index_is_used_and_nothing_is_written()
    {
        using var content = Fixture();
        var before = Directory.GetFileSystemEntries(content.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var (log, page) = await RunAsync(content, cachePath: "", site => TextOfAsync(site, "/articles/alpha.txt"));

        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha body.\n", page);
        Assert.DoesNotContain(log, line => line.Contains("article index", StringComparison.Ordinal));
        Assert.Equal(before, Directory.GetFileSystemEntries(content.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_edit_that_keeps_the_files_size_and_time_is_not_seen_at_restart_and_the_version_published_before_is_served_whole()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        var alpha = Path.Combine(content.Path, "alpha.md");
        var (_, before) = await RunAsync(content, cache.Path, async site =>
        {
            // A stop cuts a save short: the version published must be kept before the edit comes.
            await KeptVersionsAsync(cache, 6);
            return await TextOfAsync(site, "/articles/alpha.txt");
        });
        var time = File.GetLastWriteTimeUtc(alpha);
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Omega body.", "slug: alpha\n"));
        File.SetLastWriteTimeUtc(alpha, time);

        var (log, after) = await RunAsync(content, cache.Path, site => TextOfAsync(site, "/articles/alpha.txt"));

        Assert.Contains("Took 6 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha body.\n", before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_article_saved_with_a_problem_after_its_bodies_were_let_go_is_still_served_as_last_published()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await using var site = await KeepingEveryVersionAsync(content, cache);
        var client = site.CreateRawClient();
        using var published = await client.GetAsync("/articles/alpha", Cancel);
        var publishedBody = await published.Content.ReadAsByteArrayAsync(Cancel);

        content.Write("alpha.md", "---\ndate: 2025-11-01\nslug: alpha\n---\n\nNo title, and no heading to take one from.\n");
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Any(problem => problem.Path == "alpha.md"), "the problem of alpha.md to be reported");
        using var after = await client.GetAsync("/articles/alpha", Cancel);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(published.Headers.ETag, after.Headers.ETag);
        Assert.Equal(publishedBody, await after.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("<p>Alpha body.</p>", Encoding.UTF8.GetString(publishedBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cache_folder_an_article_saved_with_a_problem_after_its_bodies_were_let_go_answers_503_and_Retry_After()
    {
        using var content = Fixture();
        await using var site = new LoggedSite { ContentFolder = content.Path, CacheFolder = "", Settings = TinyBodyBudget };
        var client = site.CreateRawClient();
        using var published = await client.GetAsync("/articles/alpha", Cancel);

        content.Write("alpha.md", "---\ndate: 2025-11-01\nslug: alpha\n---\n\nNo title, and no heading to take one from.\n");
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Any(problem => problem.Path == "alpha.md"), "the problem of alpha.md to be reported");
        using var after = await client.GetAsync("/articles/alpha", Cancel);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("60", after.HeaderOf("Retry-After"));
    }

    private static readonly Dictionary<string, string> TinyBodyBudget = new() { ["Content:RenderedBodyBudget"] = "1" };

    /// <summary>A site on the fixture that keeps no rendered body, once its index keeps the bytes of every version published.</summary>
    private static async Task<LoggedSite> KeepingEveryVersionAsync(TemporaryContentFolder content, CacheFolder cache, TimeProvider? clock = null)
    {
        var site = new LoggedSite { ContentFolder = content.Path, CacheFolder = cache.Path, Settings = TinyBodyBudget, Clock = clock };
        _ = site.Services; // starts the site
        await KeptVersionsAsync(cache, 6);
        return site;
    }

    /// <summary>Waits until the index in the cache folder keeps the bytes of <paramref name="count"/> versions.</summary>
    private static Task<long> KeptVersionsAsync(CacheFolder cache, long count) =>
        Eventually.GetAsync(() => Task.FromResult(IndexFile.KeptVersions(cache.Path)), kept => kept == count, $"the index to keep {count} versions");

    /// <summary>Starts a site on the folder with the cache folder, does <paramref name="act"/>, stops it, and returns what it logged.</summary>
    private static async Task<(IReadOnlyList<string> Log, T Result)> RunAsync<T>(TemporaryContentFolder content, string cachePath, Func<LoggedSite, Task<T>> act, IReadOnlyDictionary<string, string>? settings = null)
    {
        var site = new LoggedSite { ContentFolder = content.Path, CacheFolder = cachePath, BaseUrl = BaseUrl, Settings = settings ?? new Dictionary<string, string>() };
        T result;
        await using (site)
        {
            _ = site.Services; // starts the site
            result = await act(site);
        }
        return (site.Log.Lines, result);
    }

    private static async Task<string> TextOfAsync(LoggedSite site, string path)
    {
        using var response = await site.CreateRawClient().GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    /// <summary>Every URL of the site in every form and coding: status with headers (but Date), and bytes.</summary>
    private static async Task<Dictionary<string, (string Headers, byte[] Body)>> FetchAllAsync(LoggedSite site)
    {
        var client = site.CreateRawClient();
        var paths = (await site.Services.GetRequiredService<SitePublisher>().Current.ForOriginAsync(BaseUrl)).Paths;
        var responses = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var accept in new[] { "text/html", "text/plain", "application/json" })
            {
                foreach (var coding in new[] { "identity", "br" })
                {
                    using var response = await client.SendAsync(path, ("Accept", accept), ("Accept-Encoding", coding));
                    var headers = $"{(int)response.StatusCode}\n" + string.Join("\n", response.Headers.Concat(response.Content.Headers)
                        .Where(header => header.Key != "Date")
                        .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
                        .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"));
                    responses[$"{path} {accept} {coding}"] = (headers, await response.Content.ReadAsByteArrayAsync(Cancel));
                }
            }
        }
        return responses;
    }

    [Fact]
    public async Task A_save_runs_on_a_thread_of_its_own_and_never_holds_one_of_the_thread_pools_that_readers_are_served_on()
    {
        using var content = new TemporaryContentFolder();
        using var cache = new CacheFolder();
        var limits = new ContentLimits();
        var database = IndexDatabase.Open(cache.Path, content.Path, limits, RawHtml.Sanitize, NullLogger.Instance);
        Assert.NotNull(database);
        var files = new FilesReadOnWhichThread();
        using (var index = new ArticleIndex(database, content.Path, limits, RawHtml.Sanitize, NullLogger.Instance, TimeProvider.System))
        {
            await index.Loaded;
            index.SaveLater(files);
        }

        Assert.NotEmpty(files.OnThreadPool);
        Assert.DoesNotContain(true, files.OnThreadPool);
    }

    /// <summary>No files, and on which kind of thread the save read them.</summary>
    private sealed class FilesReadOnWhichThread : IReadOnlyList<PublishedFile>
    {
        public List<bool> OnThreadPool { get; } = [];

        public int Count => 0;

        public PublishedFile this[int index] => throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<PublishedFile> GetEnumerator()
        {
            OnThreadPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            return Enumerable.Empty<PublishedFile>().GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Six articles with what an article can carry: authors, tags, aliases, an update, a time with an offset, a picture
    /// (a media file with its size), a missing picture (a media problem), CJK text, a lead.
    /// </summary>
    private static TemporaryContentFolder Fixture()
    {
        var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body.", "slug: alpha\n"));
        content.Write("beta.md", Article("Beta", "2025-11-02T09:30:00+09:00", "Beta body, with [a link](https://example.org/).",
            "authors: [Kim Min-ji, Lee Jun]\ntags: [Politics, Korea]\naliases: [/old/beta]\nupdated: 2025-11-03\nlead: true\n"));
        content.WriteBytes("summit.png", TestPictures.Png(40, 30));
        content.Write("gamma.md", Article("Gamma", "2025-11-04", "![The summit](summit.png)\n\nGamma body.", "image: summit.png\nsource: example.org\nsection: World\n"));
        content.Write("delta.md", Article("Delta", "2025-11-05", "![Missing](missing.png)\n\nDelta body."));
        content.Write("epsilon.md", Article("Epsilon", "2025-11-06", "경주에서 정상회의가 열렸다. 日本語の文もある。", "lang: ko\n"));
        Directory.CreateDirectory(Path.Combine(content.Path, "2025", "11", "07"));
        content.Write(Path.Combine("2025", "11", "07", "zeta.md"), "# Zeta\n\nZeta's body, dated by its folders.\n");
        return content;
    }

    /// <summary>A site whose log lines, the index's at Information, are kept for the test to read.</summary>
    private sealed class LoggedSite : ArticleSiteFactory
    {
        public CapturedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:ArticleSite", "Information");
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    /// <summary>A cache folder two runs of a site share, deleted afterwards.</summary>
    private sealed class CacheFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("articlesite-index-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
