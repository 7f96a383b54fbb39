using System.IO.Hashing;
using System.Net;
using System.Text;
using System.Text.Json;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The search index's budgets and where it lives: a search past its budget is stopped and says so, never a 5xx; with no
/// cache folder the index lives in memory and finds what the site publishes all the same.
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

    /// <summary>The files this process holds open (the tests run on Linux).</summary>
    private static List<string> OpenFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFiles().Select(descriptor => descriptor.LinkTarget).OfType<string>()];
}
