using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Whatever a writer leaves in the content folder (pipes, links, giant or pathological files), the site reports it by
/// name with the budget or reason that stopped it, keeps serving, and keeps publishing every other file.
/// </summary>
public sealed class HostileContentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string AlphaText(string body) => $"Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\n{body}\n";

    /// <summary>
    /// Each hostile file is refused in milliseconds on an idle machine; with a whole test suite sharing two cores the
    /// time budget is not what these tests are about, so it is set far out of their way.
    /// </summary>
    private static readonly Dictionary<string, string> GenerousTimeBudget = new() { ["ContentLimits:FileTimeBudget"] = "00:01:00" };

    [Theory]
    [MemberData(nameof(HostileFiles.Kinds), MemberType = typeof(HostileFiles))]
    public async Task A_hostile_file_at_start_up_is_reported_by_name_and_the_site_serves_and_publishes_the_rest(string kind)
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        HostileFiles.Write(content.Path, kind);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = GenerousTimeBudget };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);

        Assert.Equal(("Degraded", 1), (health.Status, health.Articles));
        Assert.Equal([HostileFiles.Reasons[kind]], health.Problems);
        Assert.Equal(AlphaText("First version."), await client.GetStringAsync("/article.txt", Cancel));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feed.atom", Cancel)).StatusCode);

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));
        await client.UntilTextAsync("/article.txt", AlphaText("Second version."), "the edit to be published");
    }

    /// <summary>The built site's peak resident memory with every hostile file at once; measured at 137 MiB (docs/content.md, Content limits).</summary>
    private const double MemoryBoundMiB = 256;

    [Fact]
    public async Task With_every_hostile_file_at_once_the_built_site_serves_reports_each_and_stays_within_its_memory_bound()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        foreach (var kind in HostileFiles.Reasons.Keys)
            HostileFiles.Write(content.Path, kind);
        await using var site = SiteProcess.StartOn(content.Path, "--ContentLimits:FileTimeBudget", "00:01:00", "--Metrics:PublicHealthDetail", "true");
        using var client = await site.ClientAsync();

        var health = await Health.GetAsync(client);

        Assert.Equal(HostileFiles.Reasons.Values.OrderBy(problem => problem.Name, StringComparer.Ordinal), health.Problems);
        Assert.Equal(AlphaText("First version."), await client.GetStringAsync("/article.txt", Cancel));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feed.atom", Cancel)).StatusCode);
        Assert.InRange(site.PeakResidentMiB(), 0, MemoryBoundMiB);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/proc")]
    public async Task A_content_folder_that_is_a_system_folder_or_links_to_one_is_refused_at_start_up(string systemFolder)
    {
        using var content = new TemporaryContentFolder();
        var link = Path.Combine(content.Path, "content");
        Directory.CreateSymbolicLink(link, systemFolder);

        foreach (var folder in new[] { systemFolder, link })
        {
            await using var site = SiteProcess.StartOn(folder);
            var (exitCode, errorLines) = await site.ExitAsync();

            Assert.Equal(1, exitCode);
            Assert.Equal($"ArticleSite cannot start: {folder}: the content folder is the system folder {systemFolder}, not a folder of articles", Assert.Single(errorLines));
        }
    }

    [Fact]
    public async Task Pipes_and_link_loops_added_while_the_site_runs_never_stop_publishing_and_go_from_healthz_when_removed()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = GenerousTimeBudget };
        var client = site.CreateClient();

        HostileFiles.Write(content.Path, "named pipe");
        var sub = Directory.CreateDirectory(Path.Combine(content.Path, "sub")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(sub, "up1"), "..");
        Directory.CreateSymbolicLink(Path.Combine(sub, "up2"), "..");
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));

        await client.UntilTextAsync("/article.txt", AlphaText("Second version."), "the edit to be published");
        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Count == 3, "the pipe and both links to be reported");
        Assert.Equal(
            [
                ("fifo.md", "is a named pipe (FIFO), not a regular file; not read"),
                ("sub/up1", "is a symbolic link; links inside the content folder are not followed"),
                ("sub/up2", "is a symbolic link; links inside the content folder are not followed"),
            ],
            health.Problems);

        File.Delete(Path.Combine(content.Path, "fifo.md"));
        Directory.Delete(sub, recursive: true);
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Status == "Healthy", "/healthz to be healthy again");
    }

    [Fact]
    public async Task A_file_over_its_time_budget_does_not_hold_back_an_edit_to_another_and_is_reported_when_its_budget_is_spent()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        await using var site = new ArticleSiteFactory
        {
            ContentFolder = content.Path,
            Settings = new Dictionary<string, string> { ["ContentLimits:FileTimeBudget"] = "00:00:03" },
        };
        var client = site.CreateClient();

        // Each paragraph is within the length limit, yet parsing the file takes Markdig about a minute. Both files are
        // renamed into place, so both are read by the same reload, which publishes the edit without waiting.
        RenameIntoPlace(content, "slow.md", Article("Slow", "2025-11-02", SlowToParse()));
        RenameIntoPlace(content, "alpha.md", Article("Alpha", "2025-11-01", "Second version."));

        await client.UntilTextAsync("/articles/alpha.txt", AlphaText("Second version."), "the edit to be published");
        var whenEdited = await Health.GetAsync(client);
        Assert.Equal(("Healthy", 1), (whenEdited.Status, whenEdited.Articles));
        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Count > 0, "the slow file to be reported");
        Assert.Equal([("slow.md", "took longer than 3 s to read and parse (ContentLimits:FileTimeBudget); not published")], health.Problems);
        Assert.Equal(AlphaText("Second version."), await client.GetStringAsync("/articles/alpha.txt", Cancel));
    }

    /// <summary>120 paragraphs of 8,000 unclosed links: 3.8 MB, under every size limit, and quadratic for Markdig's link parser.</summary>
    private static string SlowToParse() =>
        string.Join("\n\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("[a](", 8000)), 120));

    /// <summary>Writes the file beside its place under a dot name (which the site ignores), then renames it into place, as careful editors save.</summary>
    private static void RenameIntoPlace(TemporaryContentFolder content, string name, string text)
    {
        var temporary = content.Write($".{name}.tmp", text);
        File.Move(temporary, Path.Combine(content.Path, name), overwrite: true);
    }

    [Fact]
    public async Task Past_the_folder_entry_budget_new_entries_are_refused_in_sorted_order_and_no_published_article_is_withdrawn()
    {
        using var content = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "news"));
        var slugs = Enumerable.Range(0, 10).Select(index => $"a{index:00}").ToList();
        foreach (var slug in slugs)
            content.Write($"news/{slug}.md", Article(slug, "2025-11-01", $"Body of {slug}."));
        // 11 entries: "news" and its ten articles.
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string>(GenerousTimeBudget) { ["ContentLimits:MaxFolderEntries"] = "12" } };
        var client = site.CreateClient();
        var before = await Health.GetAsync(client);
        Assert.Equal(("Healthy", 10), (before.Status, before.Articles));

        // A folder of five pictures, renamed into place whole: it sorts first, so the budget now ends inside "news".
        using var pictures = new TemporaryContentFolder();
        for (var index = 0; index < 5; index++)
            pictures.WriteBytes($"p{index}.png", [0x89]);
        Directory.Move(pictures.Path, Path.Combine(content.Path, "0-pictures"));
        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Count > 0, "the entry budget to be reported");

        Assert.Equal(
            [(".", "holds more than 12 entries (ContentLimits:MaxFolderEntries); from news/a05.md on, in sorted order, no new entry is read: articles published before stay, new ones are not published")],
            health.Problems);
        Assert.Equal(10, health.Articles);
        foreach (var slug in slugs)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/articles/{slug}.txt", Cancel)).StatusCode);

        content.Write("news/a10.md", Article("a10", "2025-11-01", "Body of a10."));
        content.Write("news/a09.md", Article("a09", "2025-11-01", "Edited body of a09."));
        await Eventually.GetAsync(() => client.GetStringAsync("/articles/a09.txt", Cancel), text => text.Contains("Edited body of a09.", StringComparison.Ordinal), "the edit past the budget to be published");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/a10.txt", Cancel)).StatusCode);
        Assert.Equal(10, (await Health.GetAsync(client)).Articles);
    }

    [Fact]
    public async Task Thousands_of_bad_files_are_listed_in_healthz_and_the_log_up_to_the_cap_and_counted_beyond_it()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        for (var index = 0; index < 3000; index++)
            content.Write($"empty-{index:0000}.md", "");
        var log = new CapturedLog();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, LogCapture = log, Settings = new Dictionary<string, string>(GenerousTimeBudget) { ["ContentLimits:MaxProblemsListed"] = "20" } };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        var detail = await client.GetStringAsync("/healthz", Cancel);

        const string NotListed = "2,980 more problem(s), not listed one by one (ContentLimits:MaxProblemsListed is 20); 'ArticleSite check' lists every one";
        Assert.Equal([.. Enumerable.Range(0, 20).Select(index => ($"empty-{index:0000}.md", "the file is empty")), (".", NotListed)], health.Problems);
        Assert.Equal(3000, System.Text.Json.JsonDocument.Parse(detail).RootElement.GetProperty("problemCount").GetInt32());
        Assert.InRange(detail.Length, 0, 4096);
        var logged = log.Lines.Where(line => line.Contains(": Cannot publish ", StringComparison.Ordinal)).ToList();
        Assert.Equal(21, logged.Count);
        Assert.EndsWith($"Cannot publish {NotListed}", logged[^1], StringComparison.Ordinal);
        Assert.Equal(AlphaText("First version."), await client.GetStringAsync("/article.txt", Cancel));

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));
        await client.UntilTextAsync("/article.txt", AlphaText("Second version."), "the edit to be published");
    }
}
