using System.Collections.Concurrent;
using System.Net;
using ArticleSite.Publishing;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// An article saved again and again while readers read it: no reload fails, and the last save is published once it
/// settles. One site on Kestrel takes the saves at a writer's real pace; the library on a fake clock takes each kind of
/// save at the same pace in milliseconds.
/// </summary>
public sealed class RapidSaveTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] ReadPaths = ["/", "/articles/alpha", "/articles/alpha.txt", "/feed.atom"];

    [Fact]
    public async Task An_article_saved_every_100_ms_for_10_s_while_read_never_fails_a_reload_and_its_last_save_is_published()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version 0."));
        content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        var log = new CapturedLog();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, LogCapture = log };
        var client = site.CreateClient();
        // Read before the first save, as readers had been: the burst begins on pages in demand.
        foreach (var path in ReadPaths)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, Cancel)).StatusCode);
        var statuses = new ConcurrentBag<(string Path, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in ReadPaths)
                {
                    using var response = await client.GetAsync(path, Cancel);
                    statuses.Add((path, response.StatusCode));
                }
            }
        }, Cancel);

        const int Saves = 100;
        for (var version = 1; version <= Saves; version++)
        {
            content.Write("alpha.md", Article("Alpha", "2025-11-01", $"Version {version}."));
            // The writer's pace: a save every 100 ms, as an editor's autosave or a sync tool makes them.
            await Task.Delay(100, Cancel);
        }
        // How soon is measured by bench/edit-latency (BURSTS), not here, where other tests share the cores.
        await Eventually.GetAsync(() => client.GetStringAsync("/articles/alpha.txt", Cancel), text => text.Contains($"Version {Saves}.", StringComparison.Ordinal), "the last save to be served");
        await stop.CancelAsync();
        await reader;

        Assert.DoesNotContain(log.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.All(statuses, response => Assert.True((int)response.Status < 500, $"{response.Path} answered {response.Status}"));
    }

    [Fact]
    public async Task Saves_in_place_every_100_ms_are_read_only_once_the_last_has_been_quiet_for_the_settle_time()
    {
        using var content = new TemporaryContentFolder();
        var alpha = WriteAlphaAndBeta(content);
        using var site = await FakeClockLibrary.StartAsync(content.Path, settleTime: TimeSpan.FromMilliseconds(500));

        for (var version = 1; version <= 100; version++)
        {
            content.Write("alpha.md", Article($"Alpha {version}", "2025-11-01", $"Version {version}."));
            FakeClockLibrary.DateSave(alpha, version);
            var read = await site.ReadNamedAsync(alpha);
            Assert.False(read.Changed, $"save {version} was read before it settled");
            Assert.Equal(TimeSpan.FromMilliseconds(500), read.RecheckIn);
            Assert.Equal("Alpha 0", FakeClockLibrary.TitleOf(read, "alpha"));
            site.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        site.Clock.Advance(TimeSpan.FromMilliseconds(399));
        var early = await site.RecheckAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(1), early.RecheckIn);

        site.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var settled = await site.RecheckAsync();

        Assert.True(settled.Changed);
        Assert.Null(settled.RecheckIn);
        Assert.Equal(["Alpha 100", "Beta"], settled.Reading.Articles.Select(article => article.Metadata.Title).Order(StringComparer.Ordinal));
        Assert.Empty(settled.Reading.Problems);
    }

    [Fact]
    public async Task Saves_renamed_into_place_every_100_ms_are_each_read_at_once()
    {
        using var content = new TemporaryContentFolder();
        var alpha = WriteAlphaAndBeta(content);
        using var site = await FakeClockLibrary.StartAsync(content.Path, settleTime: TimeSpan.FromMilliseconds(500));

        for (var version = 1; version <= 100; version++)
        {
            var written = content.Write("alpha.md.tmp", Article($"Alpha {version}", "2025-11-01", $"Version {version}."));
            FakeClockLibrary.DateSave(written, version);
            File.Move(written, alpha, overwrite: true);
            var read = await site.ReadNamedAsync(alpha, renamedIn: true);
            Assert.True(read.Changed, $"save {version} was not read at once");
            Assert.Null(read.RecheckIn);
            Assert.Equal($"Alpha {version}", FakeClockLibrary.TitleOf(read, "alpha"));
            Assert.Empty(read.Reading.Problems);
            site.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Alpha's first version and Beta; the path of Alpha's file.</summary>
    private static string WriteAlphaAndBeta(TemporaryContentFolder content)
    {
        content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        return content.Write("alpha.md", Article("Alpha 0", "2025-11-01", "Version 0."));
    }

    /// <summary>
    /// With no cache folder, nothing on disk keeps a version's bytes: the version a reload read is remembered, so a bad
    /// save right after it, before anyone read its page, keeps it served rather than answering 503.
    /// </summary>
    [Fact]
    public async Task A_version_a_reload_read_is_served_after_a_bad_save_even_where_nothing_is_kept_on_disk()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version 0."));
        content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = "" };
        var client = site.CreateClient();
        var publisher = site.Services.GetRequiredService<SitePublisher>();
        var before = publisher.Current.Generation;

        File.Move(content.Write("alpha.md.tmp", Article("Alpha", "2025-11-01", "Version 1.")), Path.Combine(content.Path, "alpha.md"), overwrite: true);
        // Waited for without a request: nothing renders version 1 before the bad save.
        await Eventually.GetAsync(() => Task.FromResult(publisher.Current.Generation), generation => generation > before, "version 1 to be published");
        content.Write("alpha.md", "---\ntitle: Alpha\nsummary: [unclosed\ndate: 2025-11-01\n---\n\nBody.\n");
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Status == "Degraded", "/healthz to report the bad save");

        using var page = await client.GetAsync("/articles/alpha.txt", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Version 1.", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
