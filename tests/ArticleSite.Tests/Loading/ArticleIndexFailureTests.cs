using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ArticleSite.Loading;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The article index is a cache, never a source of truth or of failure: a row is checked against the folder before it
/// is used, a failure to read or write the file costs time alone, is logged once and tried again, a damaged kept version
/// is dropped, and another process's lock on the file never holds the first answer back.
/// </summary>
public sealed partial class ArticleIndexTests
{
    private const string BadLead = "---\ndate: 2025-11-02\nslug: beta\nlead: true\n---\n\nNo title, and no heading to take one from.\n";

    /// <summary>What a reader is sent for the lead: the front page, its page, the feed.</summary>
    private static readonly string[] LeadPaths = ["/", "/articles/beta", "/feed.atom"];

    [Fact]
    public async Task An_index_that_cannot_be_written_for_a_while_is_reported_once_saved_again_later_and_keeps_the_lead_served_through_a_bad_save()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await KeepingEveryVersionAsync(content, cache, clock);
        var client = site.CreateRawClient();
        var database = IndexFile.In(cache.Path)!;

        // A link to nowhere where the index's folder was: neither the folder nor the database can be made, as on a full
        // disk. Moved while the index is idle; put back by renaming a link to it over that one, at once, as saves fail.
        var index = Path.GetDirectoryName(database)!;
        var away = index + "-away";
        Directory.Move(index, away);
        File.CreateSymbolicLink(index, Path.Combine(cache.Path, "nowhere"));
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha, edited while the index could not be written.", "slug: alpha\n"));
        await Eventually.GetAsync(clock, () => Task.FromResult(site.Log.Lines), log => log.Any(line => line.Contains("cannot be used", StringComparison.Ordinal)), "the failed save to be reported");
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha, edited twice while the index could not be written.", "slug: alpha\n"));
        await Eventually.GetAsync(clock, () => TextOfAsync(site, "/articles/alpha.txt"), text => text.Contains("edited twice", StringComparison.Ordinal), "the second edit to be published");

        File.CreateSymbolicLink(index + "-back", away);
        using (var rename = Process.Start("mv", ["-T", index + "-back", index])) // rename(2) of the link itself
            await rename.WaitForExitAsync(Cancel);
        await Eventually.GetAsync(() =>
        {
            clock.Advance(ArticleIndex.RetryAfter);
            return Task.FromResult(site.Log.Lines);
        }, log => log.Any(line => line.Contains("can be used again", StringComparison.Ordinal)) && log.Count(line => line.Contains("Saved the article index", StringComparison.Ordinal)) >= 2,
            "the index to be saved again, with no publication asking for it");
        var before = await AnswersAsync(client, LeadPaths);
        content.Write("beta.md", BadLead);
        await Eventually.GetAsync(clock, () => Health.GetAsync(client), health => health.Problems.Any(problem => problem.Path == "beta.md"), "the problem of beta.md to be reported");
        var after = await AnswersAsync(client, LeadPaths);

        var reports = site.Log.Lines.Where(line => line.Contains("cannot be used", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"Warning ArticleSite.Loading.ArticleIndex: The article index {database} cannot be used: ", Assert.Single(reports), StringComparison.Ordinal);
        Assert.EndsWith("; the site reads the files instead and tries again later", reports[0], StringComparison.Ordinal);
        Assert.All(before, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_damaged_kept_version_is_logged_once_and_dropped_and_its_article_answers_503_until_its_file_is_fixed()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await using var site = await KeepingEveryVersionAsync(content, cache);
        var client = site.CreateRawClient();
        var published = await AnswersAsync(client, LeadPaths);
        // 0xFF opens a Deflate block of the reserved type: no version's bytes can be read back.
        IndexFile.Scalar(IndexFile.In(cache.Path)!, "UPDATE versions SET bytes = X'FFFFFFFF'");

        content.Write("beta.md", BadLead);
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Any(problem => problem.Path == "beta.md"), "the problem of beta.md to be reported");
        var damaged = await AnswersAsync(client, LeadPaths);
        await KeptVersionsAsync(cache, 5); // the damaged one dropped
        content.Write("beta.md", Article("Beta", "2025-11-02T09:30:00+09:00", "Beta, fixed.", "lead: true\n"));
        await Eventually.GetAsync(() => TextOfAsync(site, "/articles/beta.txt"), text => text.Contains("Beta, fixed.", StringComparison.Ordinal), "the fixed file to be published");
        var fixedAnswers = await AnswersAsync(client, LeadPaths);

        Assert.All(published, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(damaged, answer => Assert.Equal((HttpStatusCode.ServiceUnavailable, "60"), (answer.Status, answer.RetryAfter)));
        Assert.All(fixedAnswers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var reports = site.Log.Lines.Where(line => line.Contains("damaged", StringComparison.Ordinal)).ToList();
        Assert.Equal($"Warning ArticleSite.Loading.ArticleIndex: The article index {IndexFile.In(cache.Path)} kept a damaged version of beta.md; it is dropped, and the article is rendered from its file or not at all", Assert.Single(reports));
    }

    [Theory]
    [InlineData(false, 6)]
    [InlineData(true, 0)] // a file it must take over, and cannot while the lock is held: every file is read
    public async Task A_restart_while_another_process_holds_the_index_write_lock_answers_at_once(bool otherLimits, int takenFromIndex)
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        var (_, unlocked) = await RunAsync(content, cache.Path, site => TextOfAsync(site, "/"));
        var settings = otherLimits ? new Dictionary<string, string> { ["ContentLimits:MaxFileBytes"] = "1000000" } : [];

        using var writer = IndexFile.HoldWriteLock(IndexFile.In(cache.Path)!);
        var started = Stopwatch.StartNew();
        var (log, (locked, firstAnswer)) = await RunAsync(content, cache.Path, async site =>
        {
            var page = await TextOfAsync(site, "/");
            var elapsed = started.Elapsed;
            writer.Close(); // the save that follows need not wait for it
            return (page, elapsed);
        }, settings);

        Assert.Equal(unlocked, locked);
        Assert.Contains($"Took {takenFromIndex} of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.True(firstAnswer < StartUpBudget, $"the first answer came after {firstAnswer.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_row_naming_a_media_file_outside_the_folder_is_not_used_and_the_picture_is_served_from_the_folder()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        var (_, picture) = await RunAsync(content, cache.Path, site => PictureOfAsync(site, "/articles/gamma"));
        var database = IndexFile.In(cache.Path)!;
        var outside = new FileInfo("/etc/passwd");
        var media = JsonNode.Parse((string)IndexFile.Scalar(database, "SELECT Media FROM articles WHERE Path = 'gamma.md'")!)!;
        foreach (var file in media["Files"]!.AsArray().Concat(media["Stamps"]!.AsArray()))
        {
            // Size and time as the disk has them: the stamp alone would not tell.
            file!["FullPath"] = outside.FullName;
            file["Length"] = outside.Length;
            file["LastWriteTicks"] = outside.LastWriteTimeUtc.Ticks;
        }
        IndexFile.Scalar(database, "UPDATE articles SET Media = $media WHERE Path = 'gamma.md'", ("$media", media.ToJsonString()));

        var (log, served) = await RunAsync(content, cache.Path, site => PictureOfAsync(site, "/articles/gamma"));

        Assert.Contains("Took 5 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (picture.Status, served.Status));
        Assert.Equal(TestPictures.Png(40, 30), picture.Bytes);
        Assert.Equal(picture.Bytes, served.Bytes);
    }

    [Fact]
    public async Task A_row_whose_slug_the_parser_would_refuse_is_not_used_and_the_article_is_served_at_its_own_slug()
    {
        using var content = Fixture();
        using var cache = new CacheFolder();
        await RunAsync(content, cache.Path, _ => Task.FromResult(0));
        IndexFile.Scalar(IndexFile.In(cache.Path)!, "UPDATE articles SET Slug = 'Bad Slug/../x' WHERE Path = 'alpha.md'");

        var (log, page) = await RunAsync(content, cache.Path, site => TextOfAsync(site, "/articles/alpha.txt"));

        Assert.Contains("Took 5 of 6 article file(s) from the article index", string.Join('\n', log), StringComparison.Ordinal);
        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha body.\n", page);
    }

    [Fact]
    public async Task The_files_a_reading_publishes_are_a_list_that_the_next_reading_leaves_as_it_was()
    {
        using var content = Fixture();
        using var library = new ContentLibrary(content.Path, new ContentLimits(), RawHtml.Sanitize, TimeSpan.Zero, TimeProvider.System);
        await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true);
        var published = library.Published();

        content.Write("eta.md", Article("Eta", "2025-11-08", "Eta body."));
        await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true);

        Assert.Equal(["2025/11/07/zeta.md", "alpha.md", "beta.md", "delta.md", "epsilon.md", "gamma.md"], published.Select(file => file.RelativePath).Order(StringComparer.Ordinal));
        Assert.Contains(library.Published(), file => file.RelativePath == "eta.md");
    }

    /// <summary>
    /// What a start may take with the index's file locked by another process: without the index the fixture's start
    /// takes well under a second; a start that waited out SQLite's busy timeout took 30.
    /// </summary>
    private static readonly TimeSpan StartUpBudget = IndexDatabase.StartupWait + TimeSpan.FromSeconds(9);

    /// <summary>Each path's status, ETag, Retry-After and bytes (their SHA-256), asked for at once.</summary>
    private static async Task<Answer[]> AnswersAsync(HttpClient client, IEnumerable<string> paths) =>
        await Task.WhenAll(paths.Select(async path =>
        {
            using var response = await client.GetAsync(path, Cancel);
            var body = await response.Content.ReadAsByteArrayAsync(Cancel);
            return new Answer(path, response.StatusCode, response.Headers.ETag?.Tag, response.Headers.RetryAfter?.ToString(), Convert.ToHexString(SHA256.HashData(body)));
        }));

    private sealed record Answer(string Path, HttpStatusCode Status, string? ETag, string? RetryAfter, string BodySha256);

    /// <summary>The status and bytes of the first picture the page at <paramref name="path"/> shows.</summary>
    private static async Task<(HttpStatusCode Status, byte[] Bytes)> PictureOfAsync(LoggedSite site, string path)
    {
        var page = await TextOfAsync(site, path);
        var url = MediaUrl().Match(page).Value;
        using var response = await site.CreateRawClient().GetAsync(url, Cancel);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/media/[0-9a-f]{32}/[a-z0-9-]+\.png")]
    private static partial System.Text.RegularExpressions.Regex MediaUrl();
}
