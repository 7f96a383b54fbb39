using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// A reload the watcher asks for reads only the paths it named, and keeps every other file as it was: each kind of save
/// is published that way, what the watcher cannot see is published by the periodic rescan, and the snapshot made from the
/// previous one answers exactly as a fresh start on the same folder does. Unless a test says otherwise these sites
/// rescan once an hour, so whatever they publish, the watcher saw.
/// </summary>
public sealed class WatchedChangeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ArticleSiteFactory WatcherOnly(string folder, string? baseUrl = null) => new()
    {
        ContentFolder = folder,
        BaseUrl = baseUrl,
        Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "01:00:00", ["Content:SettleTime"] = "00:00:00.2" },
    };

    private static string Text(string title, string date, string body) => $"{title}\n\nSummary of {title}.\n\n{date}\n\n{body}\n";

    /// <summary>A content folder holding one article, alpha, for a test that then adds beta.</summary>
    private static TemporaryContentFolder AlphaAlone()
    {
        var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        return content;
    }

    /// <summary>Waits until beta, as written by the test, is served, and checks its text.</summary>
    private static async Task UntilBetaServedAsync(HttpClient client, string expectation)
    {
        await client.UntilStatusAsync("/articles/beta", HttpStatusCode.OK, expectation);
        Assert.Equal(Text("Beta", "2 November 2025", "Beta body."), await client.GetStringAsync("/articles/beta.txt", Cancel));
    }

    [Fact]
    public async Task An_edit_in_place_is_published_by_the_watcher()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        Assert.Equal(Text("Alpha", "1 November 2025", "First version."), await client.GetStringAsync("/articles/alpha.txt", Cancel));

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));

        await client.UntilTextAsync("/articles/alpha.txt", Text("Alpha", "1 November 2025", "Second version."), "the edit to be served");
        Assert.Equal(Text("Beta", "2 November 2025", "Beta body."), await client.GetStringAsync("/articles/beta.txt", Cancel));
    }

    [Fact]
    public async Task A_file_renamed_into_place_over_an_article_is_published_by_the_watcher()
    {
        using var content = new TemporaryContentFolder();
        var alpha = content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        Assert.Equal(Text("Alpha", "1 November 2025", "First version."), await client.GetStringAsync("/articles/alpha.txt", Cancel));

        var beside = content.Write(".alpha.md.tmp", Article("Alpha", "2025-11-01", "Saved atomically."));
        File.Move(beside, alpha, overwrite: true);

        await client.UntilTextAsync("/articles/alpha.txt", Text("Alpha", "1 November 2025", "Saved atomically."), "the renamed file to be served");
    }

    [Fact]
    public async Task A_deleted_file_is_withdrawn_by_the_watcher_and_the_others_stay()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        var beta = content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/articles/beta"));

        File.Delete(beta);

        await client.UntilStatusAsync("/articles/beta", HttpStatusCode.Gone, "the deleted article to be gone");
        Assert.Equal(Text("Alpha", "1 November 2025", "Alpha body."), await client.GetStringAsync("/article.txt", Cancel));
    }

    [Fact]
    public async Task A_new_file_is_published_by_the_watcher()
    {
        using var content = AlphaAlone();
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/beta"));

        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));

        await UntilBetaServedAsync(client, "the new article to be served");
    }

    [Fact]
    public async Task A_file_in_a_new_subfolder_is_published_by_the_watcher()
    {
        using var content = AlphaAlone();
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();

        Directory.CreateDirectory(Path.Combine(content.Path, "2025", "november"));
        content.Write("2025/november/beta.md", Article("Beta", "2025-11-02", "Beta body."));

        await UntilBetaServedAsync(client, "the article in the new subfolder to be served");
    }

    [Fact]
    public async Task A_folder_moved_in_with_its_articles_is_published_by_the_watcher()
    {
        using var content = AlphaAlone();
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        var outside = Directory.CreateTempSubdirectory("articlesite-moved-").FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "beta.md"), Article("Beta", "2025-11-02", "Beta body."), Cancel);

        // A renamed folder's files raise no event of their own: only a listing finds them.
        Directory.Move(outside, Path.Combine(content.Path, "moved"));

        await client.UntilStatusAsync("/articles/beta", HttpStatusCode.OK, "the article in the moved-in folder to be served");
    }

    [Fact]
    public async Task A_change_the_watcher_cannot_see_is_published_by_the_periodic_rescan()
    {
        using var content = new TemporaryContentFolder();
        using var elsewhere = new TemporaryContentFolder();
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        // The article is a second name (a hard link) of a file outside the folder: a write through that outside name
        // changes the article's bytes, size and time, and the folder's watcher is told nothing.
        var outside = elsewhere.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        using (var link = System.Diagnostics.Process.Start("ln", [outside, Path.Combine(content.Path, "alpha.md")])!)
        {
            await link.WaitForExitAsync(Cancel);
            Assert.Equal(0, link.ExitCode);
        }
        await using var site = new ArticleSiteFactory
        {
            ContentFolder = content.Path,
            Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "00:00:00.5", ["Content:SettleTime"] = "00:00:00.2" },
        };
        var client = site.CreateClient();
        Assert.Equal(Text("Alpha", "1 November 2025", "First version."), await client.GetStringAsync("/articles/alpha.txt", Cancel));

        await File.WriteAllTextAsync(outside, Article("Alpha", "2025-11-01", "Second version, written elsewhere."), Cancel);

        await Eventually.GetAsync(() => client.GetStringAsync("/articles/alpha.txt", Cancel),
            text => text == Text("Alpha", "1 November 2025", "Second version, written elsewhere."), "the rescan to publish the edit");
    }

    [Fact]
    public async Task After_an_edit_every_other_article_answers_the_same_bytes_under_the_same_ETag()
    {
        using var content = new TemporaryContentFolder();
        string[] names = ["alpha", "beta", "gamma", "delta"];
        for (var index = 0; index < names.Length; index++)
            content.Write($"{names[index]}.md", Article(names[index], $"2025-11-0{index + 1}", $"Body of {names[index]}."));
        await using var site = WatcherOnly(content.Path);
        var client = site.CreateClient();
        string[] paths = [.. names.SelectMany(name => new[] { $"/articles/{name}", $"/articles/{name}.txt", $"/articles/{name}.json" })];
        var before = new Dictionary<string, (string? ETag, byte[] Body)>();
        foreach (var path in paths)
            before[path] = await EntityOf(client, path);

        content.Write("gamma.md", Article("gamma", "2025-11-03", "Edited body of gamma."));
        await client.UntilTextAsync("/articles/gamma.txt", Text("gamma", "3 November 2025", "Edited body of gamma."), "the edit to be served");

        foreach (var path in paths)
        {
            var after = await EntityOf(client, path);
            if (path.StartsWith("/articles/gamma", StringComparison.Ordinal))
            {
                Assert.NotEqual(before[path].ETag, after.ETag);
                Assert.Contains("Edited body of gamma.", System.Text.Encoding.UTF8.GetString(after.Body), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(before[path].ETag, after.ETag);
                Assert.Equal(before[path].Body, after.Body);
            }
        }
    }

    [Fact]
    public async Task After_edits_that_move_articles_the_lists_are_those_of_a_fresh_start_on_the_same_folder()
    {
        using var content = new TemporaryContentFolder();
        string[] names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
        for (var index = 0; index < names.Length; index++)
            content.Write($"{names[index]}.md", Article(names[index], $"2025-10-{10 + index}", $"Body of {names[index]}.", "tags: [world]\n"));
        string[] lists = ["/", "/articles/", "/tags/", "/tags/world/", "/feed.atom", "/tags/world/feed.atom", "/sitemaps/1.xml", "/llms.txt"];
        string[] listed;
        // One public address for both sites, so that their absolute URLs are the same.
        const string BaseUrl = "https://news.example.org";
        await using (var running = WatcherOnly(content.Path, BaseUrl))
        {
            var client = running.CreateClient();
            foreach (var path in lists)
                await client.GetStringAsync(path, Cancel); // read before the edits, so the new snapshot is made from a rendered one

            // The oldest becomes the newest; one takes another's date (the tie goes by file name); one goes; one comes.
            content.Write("alpha.md", Article("alpha", "2025-12-01", "Body of alpha, moved to the top.", "tags: [world]\n"));
            content.Write("epsilon.md", Article("epsilon", "2025-10-11", "Body of epsilon, dated as beta.", "tags: [world]\n"));
            File.Delete(Path.Combine(content.Path, "gamma.md"));
            content.Write("eta.md", Article("eta", "2025-10-12", "Body of eta.", "tags: [world]\n"));
            await Eventually.GetAsync(() => client.GetStringAsync("/articles/alpha.txt", Cancel), text => text.Contains("moved to the top", StringComparison.Ordinal), "the first edit to be published");
            await Eventually.GetAsync(() => client.GetStringAsync("/articles/epsilon.txt", Cancel), text => text.Contains("dated as beta", StringComparison.Ordinal), "the second edit to be published");
            await client.UntilStatusAsync("/articles/gamma", HttpStatusCode.Gone, "the deletion to be published");
            await client.UntilStatusAsync("/articles/eta", HttpStatusCode.OK, "the new file to be published");
            listed = [.. await Task.WhenAll(lists.Select(path => client.GetStringAsync(path, Cancel)))];
        }

        await using var fresh = WatcherOnly(content.Path, BaseUrl);
        var freshClient = fresh.CreateClient();
        for (var index = 0; index < lists.Length; index++)
            Assert.Equal(await freshClient.GetStringAsync(lists[index], Cancel), listed[index]);
        var archive = listed[1];
        string[] order = ["alpha", "zeta", "delta", "eta", "beta", "epsilon"];
        var positions = order.Select(name => archive.IndexOf($"/articles/{name}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    private static async Task<(string? ETag, byte[] Body)> EntityOf(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag?.Tag, await response.Content.ReadAsByteArrayAsync(Cancel));
    }

}
