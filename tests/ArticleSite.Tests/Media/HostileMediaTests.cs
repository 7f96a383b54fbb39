using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// A media reference that cannot be published (outside the folder, through a link, missing, not what its name says,
/// empty, cut short, a decompression bomb) is a problem of its article, reported with the line and the reference; the
/// article is still published, showing the alt text, and nothing is ever served in the file's place.
/// </summary>
public sealed class HostileMediaTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What each hostile reference is, how to make it, and the reason /healthz gives for it (line 7 of the article).</summary>
    public static TheoryData<string> Kinds => [.. Hostile.Keys];

    private static readonly Dictionary<string, (string Reference, Action<string, string> Make, string Reason)> Hostile = new()
    {
        ["outside the folder"] = ("../secret.jpg", (content, outside) => { }, "points outside the content folder"),
        ["absolute outside"] = ("/../../etc/passwd.jpg", (content, outside) => { }, "points outside the content folder"),
        ["symbolic link out"] = ("photo.jpg", (content, outside) => File.CreateSymbolicLink(Path.Combine(content, "photo.jpg"), Path.Combine(outside, "secret.jpg")),
            "passes through a symbolic link; links inside the content folder are not followed"),
        ["folder linked out"] = ("pictures/secret.jpg", (content, outside) => Directory.CreateSymbolicLink(Path.Combine(content, "pictures"), outside),
            "passes through a symbolic link; links inside the content folder are not followed"),
        ["missing"] = ("photo.jpg", (content, outside) => { }, "does not exist"),
        ["html named jpg"] = ("photo.jpg", (content, outside) => File.WriteAllText(Path.Combine(content, "photo.jpg"), "<!doctype html><script>alert(1)</script>"),
            "is not a JPEG, PNG, GIF, WebP, AVIF or SVG picture, an MP4, QuickTime or WebM video, MP4, MP3, Ogg, WAV or FLAC audio, or a PDF, by its content"),
        ["empty"] = ("photo.jpg", (content, outside) => File.WriteAllBytes(Path.Combine(content, "photo.jpg"), []), "is an empty file"),
        ["truncated jpeg"] = ("photo.jpg", (content, outside) => File.WriteAllBytes(Path.Combine(content, "photo.jpg"), TestPictures.Jpeg(400, 300)[..2000]),
            "is cut short: the JPEG file does not end as one must"),
        ["decompression bomb"] = ("bomb.png", (content, outside) => File.WriteAllBytes(Path.Combine(content, "bomb.png"), TestPictures.PngDeclaring(50_000, 50_000)),
            "declares 50,000 × 50,000 pixels, over the limit of 50,000,000 (ContentLimits:MaxMediaPixels)"),
        ["a folder"] = ("photo.jpg", (content, outside) => Directory.CreateDirectory(Path.Combine(content, "photo.jpg")), "is not a regular file"),
        ["hidden file"] = (".git/photo.jpg", (content, outside) => { }, "names a hidden file or folder"),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_hostile_media_reference_is_reported_with_its_line_and_the_article_shows_the_alt_text(string kind)
    {
        var (reference, make, reason) = Hostile[kind];
        using var outside = new TemporaryContentFolder();
        outside.WriteBytes("secret.jpg", TestPictures.Jpeg(40, 30));
        using var parent = new TemporaryContentFolder();
        var content = Directory.CreateDirectory(Path.Combine(parent.Path, "content")).FullName;
        File.WriteAllBytes(Path.Combine(parent.Path, "secret.jpg"), TestPictures.Jpeg(40, 30));
        make(content, outside.Path);
        File.WriteAllText(Path.Combine(content, "alpha.md"), Article("Alpha", "2025-11-01", $"First paragraph.\n\nA paragraph of two lines,\nthe second with ![The alt text]({reference})"));
        await using var site = new ArticleSiteFactory { ContentFolder = content };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        var page = await client.GetAsync("/articles/alpha", Cancel);
        var article = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Cancel)).QuerySelector("article")!;

        // A folder linked out is also reported by the folder's scan, which does not follow it.
        Assert.Equal([("alpha.md", $"line 10: '{reference}' {reason}; the alt text is shown instead")], health.Problems.Where(problem => problem.Path == "alpha.md"));
        Assert.Equal(("Degraded", 1), (health.Status, health.Articles));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(article.QuerySelectorAll("img"));
        Assert.Contains("The alt text", article.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>424 bytes of empty comments before an element that is not svg: a backtracking search for an SVG's first element took exponential time over them.</summary>
    private static readonly string EmptyComments = string.Concat(Enumerable.Repeat("<!---->", 60)) + "<x/>";

    [Fact]
    public async Task A_picture_of_empty_comments_is_refused_at_once_every_time_and_leaves_no_thread_running()
    {
        using var content = new TemporaryContentFolder();
        content.Write("evil.svg", EmptyComments);
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Save 0.\n\n![The alt text](evil.svg)"));
        content.Write("beta.md", Article("Beta", "2025-10-01", "Edit 0."));
        await using var site = SiteProcess.StartOn(content.Path, "--Metrics:PublicHealthDetail", "true");
        using var client = await site.ClientAsync();
        await Health.GetAsync(client);

        // Three saves of the article, each read before an edit elsewhere is published: before, each left a search running.
        for (var save = 1; save <= 3; save++)
        {
            content.Write("alpha.md", Article("Alpha", "2025-11-01", $"Save {save}.\n\n![The alt text](evil.svg)"));
            content.Write("beta.md", Article("Beta", "2025-10-01", $"Edit {save}."));
            var edit = $"Edit {save}.";
            await Eventually.GetAsync(() => client.GetStringAsync("/articles/beta", Cancel), html => html.Contains(edit, StringComparison.Ordinal), "the edit elsewhere to be published");
        }
        // The runtime's tiered compiler may still be recompiling what the saves ran hot, on a machine this busy: not the site's work.
        var busy = (await site.ThreadsRunningThroughoutAsync(TimeSpan.FromSeconds(2), looks: 20)).Where(thread => !thread.Contains("(.NET Tiered", StringComparison.Ordinal));
        Assert.Empty(busy);

        var page = await client.GetStringAsync("/articles/alpha", Cancel);
        var health = await Health.GetAsync(client);
        Assert.Equal([("alpha.md", $"line 9: 'evil.svg' is not {Allowed}, by its content; the alt text is shown instead")], health.Problems);
        Assert.Contains("Save 3.", page, StringComparison.Ordinal);
        Assert.Contains("The alt text", page, StringComparison.Ordinal);
    }

    private const string Allowed = "a JPEG, PNG, GIF, WebP, AVIF or SVG picture, an MP4, QuickTime or WebM video, MP4, MP3, Ogg, WAV or FLAC audio, or a PDF";

    [Fact]
    public async Task A_bad_link_to_a_media_file_keeps_its_text_and_drops_the_link()
    {
        var (health, article) = await PublishAlphaAsync("First paragraph.\n\nRead [the report](report.pdf).");
        var paragraph = article.QuerySelectorAll("p")[^1];

        Assert.Equal([("alpha.md", "line 9: 'report.pdf' does not exist; its text is shown without the link")], health.Problems);
        Assert.Equal(("Read the report.", 0), (paragraph.TextContent, paragraph.QuerySelectorAll("a").Length));
    }

    [Fact]
    public async Task A_bad_raw_html_picture_is_reported_and_shows_its_alt_text()
    {
        var (health, article) = await PublishAlphaAsync("First paragraph.\n\n<p>Before\n<img src=\"chart.png\" alt=\"Raw chart\"></p>");

        Assert.Equal([("alpha.md", "line 10: 'chart.png' does not exist; the alt text is shown instead")], health.Problems);
        Assert.Empty(article.QuerySelectorAll("img"));
        Assert.Contains("Raw chart", article.TextContent, StringComparison.Ordinal);
    }

    /// <summary>What /healthz says of a site whose one article, alpha, has <paramref name="body"/>, and that article's element on its page.</summary>
    private static async Task<(Health Health, IElement Article)> PublishAlphaAsync(string body)
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", body));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var health = await Health.GetAsync(client);
        return (health, new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/alpha", Cancel)).QuerySelector("article")!);
    }

    [Fact]
    public async Task A_missing_picture_that_appears_later_is_published_without_touching_the_article()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First paragraph.\n\n![Photo](photo.png)"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Single((await Health.GetAsync(client)).Problems);

        var photo = TestPictures.Png(30, 20);
        content.WriteBytes("photo.png", photo);

        await Eventually.GetAsync(() => client.GetStringAsync("/articles/alpha", Cancel),
            html => html.Contains($"src=\"{TestPictures.MediaUrl(photo, "photo.png")}\"", StringComparison.Ordinal), "the picture to be published");
        Assert.Empty((await Health.GetAsync(client)).Problems);
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_by_what_its_header_declares_without_decoding_it()
    {
        using var content = new TemporaryContentFolder();
        var bomb = TestPictures.PngDeclaring(50_000, 50_000);
        content.WriteBytes("bomb.png", bomb);
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First paragraph.\n\n![Bomb](bomb.png)"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var health = await Health.GetAsync(client);

        // Decoded, it would take 7.5 GB; the site read its first bytes only (the whole site's allocations stay far below).
        Assert.True(bomb.Length < 1024, $"the bomb is {bomb.Length} bytes");
        Assert.Single(health.Problems);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 256L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(TestPictures.MediaUrl(bomb, "bomb.png"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_file_changed_after_it_was_read_is_never_served_under_the_old_hash()
    {
        using var content = new TemporaryContentFolder();
        var photo = TestPictures.Png(30, 20);
        content.WriteBytes("photo.png", photo);
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First paragraph.\n\n![Photo](photo.png)"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "01:00:00", ["Content:Debounce"] = "01:00:00" } };
        var client = site.CreateRawClient();
        var url = TestPictures.MediaUrl(photo, "photo.png");
        Assert.Equal(photo, await client.GetByteArrayAsync(url, Cancel));

        var other = TestPictures.Png(31, 20);
        content.WriteBytes("photo.png", other);
        File.SetLastWriteTimeUtc(Path.Combine(content.Path, "photo.png"), DateTime.UtcNow.AddMinutes(1));

        using var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
