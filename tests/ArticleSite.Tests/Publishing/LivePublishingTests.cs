using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.IO.Hashing;
using System.Text;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>The content folder is live: saving, adding, renaming and deleting files publishes them, and a bad file never costs the good version.</summary>
public sealed class LivePublishingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string AlphaText(string body) => $"Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\n{body}\n";

    [Fact]
    public async Task A_saved_edit_is_served_without_a_restart()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Equal(AlphaText("First version."), await client.GetStringAsync("/article.txt", Cancel));

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));

        // How soon is measured by bench/edit-latency, not here, where other tests share the cores.
        await client.UntilTextAsync("/article.txt", AlphaText("Second version."), "the edit to be served");
    }

    [Fact]
    public async Task A_new_file_is_published_and_a_deleted_ones_URLs_answer_410_Gone()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/beta", Cancel)).StatusCode);

        var beta = content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await client.UntilStatusAsync("/articles/beta", HttpStatusCode.OK, "the new article to be served");
        Assert.StartsWith("Beta\n", await client.GetStringAsync("/article.txt", Cancel), StringComparison.Ordinal);

        File.Delete(beta);
        await client.UntilStatusAsync("/articles/beta", HttpStatusCode.Gone, "the deleted article to be gone");
        Assert.Equal(HttpStatusCode.Gone, await client.StatusOfAsync("/articles/beta.txt"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/never-published"));
        Assert.Equal(AlphaText("Alpha body."), await client.GetStringAsync("/article.txt", Cancel));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "malformed front matter", "front matter is not valid YAML" },
        { "invalid UTF-8", "not valid UTF-8" },
        { "empty", "the file is empty" },
        { "truncated", "the front matter opened by '---' on line 1 has no closing '---' line" },
        { "missing title", "front matter has no 'title'" },
        { "over the size limit", "is 4.5 MiB, over the limit of 4 MiB for one file (ContentLimits:MaxFileBytes); not read" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_save_keeps_the_last_good_version_served_and_shows_in_healthz(string kind, string reason)
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Good version."));
        content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Equal("Healthy", (await Health.GetAsync(client)).Status);

        SaveBadVersion(content, kind);

        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Status == "Degraded", "/healthz to report the bad file");
        var (path, said) = Assert.Single(health.Problems);
        Assert.Equal("alpha.md", path);
        Assert.Contains(reason, said, StringComparison.Ordinal);
        Assert.Equal(2, health.Articles);
        Assert.Equal(AlphaText("Good version."), await client.GetStringAsync("/articles/alpha.txt", Cancel));
        Assert.Equal(AlphaText("Good version."), await client.GetStringAsync("/article.txt", Cancel));
    }

    private static void SaveBadVersion(TemporaryContentFolder content, string kind)
    {
        switch (kind)
        {
            case "malformed front matter":
                content.Write("alpha.md", "---\ntitle: Alpha\nsummary: [unclosed\ndate: 2025-11-01\n---\n\nBody.\n");
                break;
            case "invalid UTF-8":
                content.WriteBytes("alpha.md", [.. "---\ntitle: Caf"u8, 0xE9, .. "\nsummary: S.\ndate: 2025-11-01\n---\n\nBody.\n"u8]);
                break;
            case "empty":
                content.Write("alpha.md", "");
                break;
            case "truncated":
                content.Write("alpha.md", "---\ntitle: Alpha\nsumm");
                break;
            case "missing title":
                content.Write("alpha.md", "---\nsummary: No title.\ndate: 2025-11-01\n---\n\nBody.\n");
                break;
            case "over the size limit":
                content.Write("alpha.md", Article("Alpha", "2025-11-01", new string('x', 9 * 512 * 1024)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of bad file");
        }
    }

    [Fact]
    public async Task A_bad_file_at_start_up_shows_in_healthz_and_the_good_ones_are_served()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        content.Write("broken.md", "---\nsummary: No title.\ndate: 2025-11-01\n---\n\nBody.\n");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);

        Assert.Equal(("Degraded", 1), (health.Status, health.Articles));
        Assert.Equal([("broken.md", "front matter has no 'title', and the body has no '# ' heading to take it from")], health.Problems);
        Assert.Equal(AlphaText("Alpha body."), await client.GetStringAsync("/articles/alpha.txt", Cancel));
    }

    [Fact]
    public async Task Fixing_a_bad_file_publishes_it_and_clears_the_problem()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Good version."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        content.Write("alpha.md", "");
        await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Status == "Degraded", "/healthz to report the empty file");

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Fixed version."));

        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Status == "Healthy", "/healthz to be healthy again");
        Assert.Empty(health.Problems);
        Assert.Equal(AlphaText("Fixed version."), await client.GetStringAsync("/article.txt", Cancel));
    }

    [Fact]
    public async Task Healthz_gives_the_lead_articles_slug_and_the_ETag_of_its_page()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        using var leadPage = await client.GetAsync("/articles/alpha", Cancel);

        Assert.Equal(("Healthy", 2, "alpha"), (health.Status, health.Articles, health.LeadSlug));
        Assert.Equal(leadPage.Headers.ETag?.Tag, health.LeadETag);
        Assert.Empty(health.Problems);
    }

    [Fact]
    public async Task While_files_are_added_edited_renamed_and_deleted_every_response_is_a_complete_version()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Version 0.", "slug: alpha\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        string[] paths = ["/", "/article.txt", "/articles/alpha", "/articles/alpha.txt", "/articles/beta.txt", "/articles/gamma.txt"];
        var responses = new ConcurrentBag<(string Path, HttpStatusCode Status, string? ETag, byte[] Body)>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in paths)
                {
                    using var response = await client.GetAsync(path, Cancel);
                    responses.Add((path, response.StatusCode, response.Headers.ETag?.Tag, await response.Content.ReadAsByteArrayAsync(Cancel)));
                }
            }
        }, Cancel)).ToList();

        for (var version = 1; version <= 5; version++)
        {
            content.Write("alpha.md", Article("Alpha", "2025-11-01", $"Version {version}.", "slug: alpha\n"));
            await Eventually.GetAsync(() => client.GetStringAsync("/articles/alpha.txt", Cancel), text => text == AlphaText($"Version {version}."), $"version {version}");
        }
        var beta = content.Write("beta.md", Article("Beta", "2025-10-01", "Beta body."));
        // Renamed only once the readers have had beta, so its bodies are among those checked below however slowly they go.
        await Eventually.GetAsync(() => Task.FromResult(responses.Any(response => response.Path == "/articles/beta.txt" && response.Status == HttpStatusCode.OK)),
            seen => seen, "the readers to be served beta");
        File.Move(beta, Path.Combine(content.Path, "gamma.md"));
        await client.UntilStatusAsync("/articles/gamma.txt", HttpStatusCode.OK, "beta to be renamed gamma");
        Assert.Equal(HttpStatusCode.Gone, await client.StatusOfAsync("/articles/beta.txt"));
        File.Delete(Path.Combine(content.Path, "gamma.md"));
        await client.UntilStatusAsync("/articles/gamma.txt", HttpStatusCode.Gone, "gamma to be deleted");
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.All(responses, response => Assert.True((int)response.Status < 500, $"{response.Path} answered {response.Status}"));
        var complete = responses.Where(response => response.Status == HttpStatusCode.OK).ToList();
        Assert.All(complete, response => Assert.Equal(ETagOf(response.Body), response.ETag));
        var alphaTexts = complete.Where(response => response.Path == "/articles/alpha.txt").Select(response => System.Text.Encoding.UTF8.GetString(response.Body)).ToHashSet();
        Assert.Subset(Enumerable.Range(0, 6).Select(version => AlphaText($"Version {version}.")).ToHashSet(), alphaTexts);
    }

    /// <summary>The site's strong ETag for a body: its 128-bit XXH3 hash, base64url, quoted.</summary>
    private static string ETagOf(byte[] body) => $"\"{Base64Url.EncodeToString(XxHash128.Hash(body))}\"";

    /// <summary>
    /// A republished snapshot renders what readers were reading before it is swapped in, so that no reader waits for a
    /// rendering after an edit; what nobody asked for stays unrendered.
    /// </summary>
    [Fact]
    public async Task An_edit_is_published_with_the_pages_in_demand_already_rendered_and_compressed()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateRawClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/articles/alpha") { Headers = { { "Accept-Encoding", "br" } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read, Cancel)).StatusCode);
        var publisher = site.Services.GetRequiredService<SitePublisher>();
        var before = publisher.Current.Generation;

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));
        var republished = await Eventually.GetAsync(() => Task.FromResult(publisher.Current), snapshot => snapshot.Generation > before, "the edit to be published");

        // No request has reached the new snapshot: whatever it has rendered, it rendered before it was swapped in.
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var rendered = (await republished.ForOriginAsync(origin)).Rendered.ToDictionary(entry => entry.Path, entry => entry.Resource);
        var page = Assert.Contains("/articles/alpha", rendered).Representation;
        Assert.Contains("Second version.", Encoding.UTF8.GetString(page.Body), StringComparison.Ordinal);
        Assert.Equal([ContentCoding.Brotli], page.CompressedCodings);
        Assert.DoesNotContain("/articles/beta", rendered.Keys);
    }

}
