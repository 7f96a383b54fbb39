using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Which saves are published and when: a file still being written waits until it is quiet, a file renamed into place
/// is complete at once, and the watcher follows the content folder when it is deleted, recreated or swapped. These
/// sites rescan only once an hour, so whatever they publish, the watcher saw.
/// </summary>
public sealed class FolderWatchingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string AlphaText(string body) => $"Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\n{body}\n";

    private static ArticleSiteFactory SiteOn(string folder, string settleTime = "00:00:00.5") => new()
    {
        ContentFolder = folder,
        Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "01:00:00", ["Content:SettleTime"] = settleTime },
    };

    [Fact]
    public async Task A_file_written_in_chunks_is_never_published_half_written()
    {
        using var content = new TemporaryContentFolder();
        var file = content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version one."));
        await using var site = SiteOn(content.Path, settleTime: "00:00:01");
        var client = site.CreateClient();
        var served = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                served.Add(await client.GetStringAsync("/articles/alpha.txt", Cancel));
        }, Cancel);

        // A writer that saves in three chunks, each of which would be a valid article on its own.
        string[] chunks = [Article("Alpha", "2025-11-01", "Part one."), "\nPart two.\n", "\nPart three.\n"];
        await using (var writer = new FileStream(file, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
            foreach (var chunk in chunks)
            {
                await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(chunk), Cancel);
                await writer.FlushAsync(Cancel);
                await Task.Delay(200, Cancel); // the writer's own pace, well inside the 1 s settle time
            }
        }

        var complete = AlphaText("Part one.\n\nPart two.\n\nPart three.");
        await client.UntilTextAsync("/articles/alpha.txt", complete, "the complete file to be published");
        await stop.CancelAsync();
        await reader;
        Assert.All(served, text => Assert.Contains(text, new[] { AlphaText("Version one."), complete }));
    }

    [Fact]
    public async Task A_file_written_in_chunks_is_read_only_once_quiet_for_the_settle_time_on_the_clock()
    {
        using var content = new TemporaryContentFolder();
        var file = content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version one."));
        using var site = await FakeClockLibrary.StartAsync(content.Path, settleTime: TimeSpan.FromSeconds(1));

        // Three chunks 200 ms apart, each of which would be a valid article on its own.
        string[] chunks = [Article("Alpha", "2025-11-01", "Part one."), "\nPart two.\n", "\nPart three.\n"];
        for (var chunk = 0; chunk < chunks.Length; chunk++)
        {
            if (chunk == 0)
                File.WriteAllText(file, chunks[chunk]);
            else
                File.AppendAllText(file, chunks[chunk]);
            FakeClockLibrary.DateSave(file, 2 * chunk);
            var read = await site.ReadNamedAsync(file);
            Assert.False(read.Changed, $"chunk {chunk + 1} was read before the file settled");
            Assert.Equal(TimeSpan.FromSeconds(1), read.RecheckIn);
            site.Clock.Advance(TimeSpan.FromMilliseconds(200));
        }
        site.Clock.Advance(TimeSpan.FromMilliseconds(800));

        var settled = await site.RecheckAsync();

        Assert.True(settled.Changed);
        Assert.Equal(string.Concat(chunks), settled.Reading.Articles.Single().Parse().Markdown);
    }

    [Fact]
    public async Task A_file_renamed_into_place_is_published_without_waiting_to_settle()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        await using var site = SiteOn(content.Path, settleTime: "01:00:00");
        var client = site.CreateClient();

        content.Write("beta.md", Article("Beta", "2025-11-02", "Written in place.", "slug: beta\n"));
        var temporary = content.Write(".gamma.md.tmp", Article("Gamma", "2025-11-03", "Renamed into place.", "slug: gamma\n"));
        File.Move(temporary, Path.Combine(content.Path, "gamma.md"));

        await client.UntilStatusAsync("/articles/gamma", HttpStatusCode.OK, "the renamed file to be published");
        // Written in place before it, beta was read by the same reload or an earlier one, and is still settling.
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/beta"));
    }

    [Fact]
    public async Task A_deleted_and_recreated_folder_is_watched_again_and_healthz_says_when_it_is_not()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version one."));
        await using var site = SiteOn(content.Path);
        var client = site.CreateClient();
        Assert.Equal(("Healthy", "watching"), ((await Health.GetAsync(client)).Status, (await Health.GetAsync(client)).Watcher));

        Directory.Delete(content.Path, recursive: true);

        var gone = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Count > 0, "/healthz to report the folder gone");
        Assert.Equal("Degraded", gone.Status);
        Assert.Equal("rescans only: the content folder does not exist", gone.Watcher);
        Assert.Equal([(".", "the content folder does not exist")], gone.Problems);
        Assert.Equal(AlphaText("Version one."), await client.GetStringAsync("/article.txt", Cancel));

        Directory.CreateDirectory(content.Path);
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version two."));
        await client.UntilTextAsync("/article.txt", AlphaText("Version two."), "the recreated folder to be published");
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version three."));
        await client.UntilTextAsync("/article.txt", AlphaText("Version three."), "an edit in the recreated folder to be published");
        var back = await Health.GetAsync(client);
        Assert.Equal(("Healthy", "watching"), (back.Status, back.Watcher));
    }

    [Fact]
    public async Task A_folder_swapped_for_another_is_published_and_watched()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Old release."));
        await using var site = SiteOn(content.Path);
        var client = site.CreateClient();
        var next = Directory.CreateTempSubdirectory("articlesite-next-").FullName;
        var old = content.Path + "-old";
        try
        {
            await File.WriteAllTextAsync(Path.Combine(next, "alpha.md"), Article("Alpha", "2025-11-01", "New release."), Cancel);

            // How a deploy swaps a release in: the old folder moved aside, the new one moved into its place.
            Directory.Move(content.Path, old);
            Directory.Move(next, content.Path);

            await client.UntilTextAsync("/article.txt", AlphaText("New release."), "the swapped-in folder to be published");
            content.Write("alpha.md", Article("Alpha", "2025-11-01", "Edited after the swap."));
            await client.UntilTextAsync("/article.txt", AlphaText("Edited after the swap."), "an edit in the swapped-in folder to be published");
            Assert.Equal("watching", (await Health.GetAsync(client)).Watcher);
        }
        finally
        {
            if (Directory.Exists(old))
                Directory.Delete(old, recursive: true);
        }
    }

}
