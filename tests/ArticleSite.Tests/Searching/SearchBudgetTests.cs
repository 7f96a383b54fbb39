using System.IO.Hashing;
using System.Net;
using System.Text;
using System.Text.Json;
using ArticleSite.Publishing;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The search index's budgets and where it lives: a search past its budget is stopped and says so, never a 5xx; with no
/// cache folder the index lives in memory and finds what the site publishes all the same; a cache folder it cannot use
/// is logged once, and the index is made once it can be; the index waits for the site's first response, and its first
/// build for each change to be published.
/// </summary>
public sealed class SearchBudgetTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What the health detail says of the index: "ready", "building: …" or "unavailable: …".</summary>
    private static async Task<string> IndexStateAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz", Cancel));
        return json.RootElement.GetProperty("search").GetString()!;
    }

    [Fact]
    public async Task A_search_past_its_budget_is_stopped_and_says_so_uncached()
    {
        using var content = new TemporaryContentFolder();
        // Enough matching articles that counting them takes SQLite well over a thousand steps, the interval of its budget checks.
        for (var day = 1; day <= 300; day++)
            content.Write($"day-{day}.md", Article($"Day {day}", $"2025-10-{day % 28 + 1:00}", $"A body of text, number {day}."));
        // A budget of 100 ns: spent before SQLite's first check, whatever the machine's load.
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Search:QueryBudget"] = "00:00:00.0000001" } };
        var client = site.CreateClient();
        await Eventually.GetAsync(() => IndexStateAsync(client), state => state == "ready", "the index to hold every article");

        using var response = await client.GetAsync("/search?q=body", Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.HeaderOf("Cache-Control"));
        Assert.Contains("This search took too long. Try fewer, or more distinctive, words.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/articles/day-", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_starts_once_the_first_response_is_sent_and_a_search_before_finds_nothing_yet_and_says_so()
    {
        using var content = new TemporaryContentFolder();
        content.Write("harbour.md", Article("The harbour", "2025-10-01", "A body about the harbour."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        // The first request: its response is not sent yet while it is answered, so the index has not started.
        using var response = await client.SendAsync("/search?q=harbour", ("Accept", "application/json"));
        using (var first = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal("search-building", first.RootElement.GetProperty("notice").GetString());
            Assert.Equal(0, first.RootElement.GetProperty("results").GetArrayLength());
        }
        await Eventually.GetAsync(() => IndexStateAsync(client), state => state == "ready", "the index to hold the article");
        Assert.Equal(["harbour"], await SearchTests.FindAsync(client, "harbour"));
    }

    [Fact]
    public async Task A_first_build_waits_while_an_edit_is_on_its_way_then_indexes_every_article_and_the_edit()
    {
        using var content = new TemporaryContentFolder();
        // Three batches of the build.
        for (var day = 1; day <= 600; day++)
            content.Write($"day-{day}.md", Article($"Day {day}", $"2025-10-{day % 28 + 1:00}", $"A body of text, number {day}."));
        // The site's reloads wait on this clock: the edit stays on its way until the test moves it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();

        content.Write("day-1.md", Article("Day 1", "2025-10-02", "A body of text with a new word: quokka."));
        // Seen before the first response, which starts the build: the build's first batch already waits.
        var publisher = site.Services.GetRequiredService<SitePublisher>();
        await Eventually.GetAsync(() => Task.FromResult(publisher.Quiet.IsCompleted), quiet => !quiet, "the watcher to see the edit");
        var waiting = await Eventually.GetAsync(() => IndexStateAsync(client), state => state.EndsWith(", waiting for a change to be published", StringComparison.Ordinal), "the build to wait for the edit");

        Assert.Equal("building: 0 of 600 articles indexed, waiting for a change to be published", waiting);
        Assert.Empty(await SearchTests.FindAsync(client, "body"));
        // Probed by searching: a request for the changed article waits for its snapshot, on the real clock.
        await Eventually.GetAsync(clock, () => SearchTests.FindAsync(client, "quokka"), found => found.SequenceEqual(["day-1"]), "the edit to be found");
        Assert.Contains("quokka", await client.GetStringAsync("/articles/day-1.txt", Cancel), StringComparison.Ordinal);
        await Eventually.GetAsync(() => IndexStateAsync(client), state => state == "ready", "the index to hold every article");
        Assert.Equal(600, await CountAsync(client, "body"));
    }

    /// <summary>How many articles /search counts for a query, as the JSON form says.</summary>
    private static async Task<int> CountAsync(HttpClient client, string query)
    {
        using var response = await client.SendAsync($"/search?q={Uri.EscapeDataString(query)}", ("Accept", "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task Without_a_cache_folder_the_index_lives_in_memory_and_finds_each_edit()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Alpha", "2025-11-01", "A word: wombat."));
        content.Write("b.md", Article("Beta", "2025-11-02", "Another word: quokka."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = "" };
        var client = site.CreateClient();

        await SearchTests.WhenIndexedAsync(client, "wombat", "a");
        Assert.Equal(["b"], await SearchTests.FindAsync(client, "quokka"));
        // The file it would have on disk is named by the hash of the content folder's path: the process holds no such file open.
        var fileName = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(Path.GetFullPath(content.Path)))) + ".db";
        Assert.DoesNotContain(OpenFiles(), file => file.EndsWith(fileName, StringComparison.Ordinal));

        content.Write("a.md", Article("Alpha", "2025-11-01", "A new word: numbat."));
        await SearchTests.WhenIndexedAsync(client, "numbat", "a");
        Assert.Empty(await SearchTests.FindAsync(client, "wombat"));
        Assert.Equal("ready", await IndexStateAsync(client));
    }

    [Fact]
    public async Task A_cache_folder_where_the_index_cannot_be_made_is_logged_once_by_its_reason_and_the_index_is_made_when_it_can_be()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Alpha", "2025-11-01", "A word: wombat."));
        var cache = Directory.CreateTempSubdirectory("articlesite-cache-").FullName;
        var blocker = Path.Combine(cache, "search");
        File.WriteAllText(blocker, "a file where the index's folder would be");
        var log = new CapturedLog();
        var searchLog = new Dictionary<string, string> { ["Logging:LogLevel:ArticleSite.Searching"] = "Information" };
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = cache, LogCapture = log, Settings = searchLog };
        var client = site.CreateClient();
        await Eventually.GetAsync(() => IndexStateAsync(client), state => state.StartsWith("unavailable: ", StringComparison.Ordinal), "the index to be unavailable");

        content.Write("b.md", Article("Beta", "2025-11-02", "Another word: quokka."));
        await Eventually.GetAsync(async () => (await client.GetAsync("/articles/b", Cancel)).StatusCode, status => status == HttpStatusCode.OK, "the second snapshot to be published");
        File.Delete(blocker);
        content.Write("c.md", Article("Gamma", "2025-11-03", "A third word: numbat."));
        await SearchTests.WhenIndexedAsync(client, "numbat", "c");
        // Searches find the batch once it is committed, a moment before the index says it is ready and logs so.
        await Eventually.GetAsync(() => IndexStateAsync(client), state => state == "ready", "the index to be ready");

        var lines = log.Lines.Where(line => line.Contains("ArticleSite.Searching.SearchIndex:", StringComparison.Ordinal) && !line.Contains("added", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"Warning ArticleSite.Searching.SearchIndex: The search index in {blocker} cannot be used: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("; search is unavailable until a publication finds it usable", lines[0], StringComparison.Ordinal);
        Assert.Equal($"Information ArticleSite.Searching.SearchIndex: The search index in {blocker} can be used again", lines[1]);
        Assert.Equal("a b c", string.Join(' ', (await SearchTests.FindAsync(client, "word")).Order()));
    }

    /// <summary>The files this process holds open (the tests run on Linux).</summary>
    private static List<string> OpenFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFiles().Select(descriptor => descriptor.LinkTarget).OfType<string>()];
}
