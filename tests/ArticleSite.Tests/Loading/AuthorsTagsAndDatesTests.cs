using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// What readers and machines get from the front matter's authors, tags, dates and old URLs: the byline, "Updated", the
/// JSON, JSON-LD, Atom and sitemap dates, and 301s from the old URLs. Every date comes from the article, none from its file.
/// </summary>
public sealed class AuthorsTagsAndDatesTests(AuthorsTagsAndDatesTests.Site site) : IClassFixture<AuthorsTagsAndDatesTests.Site>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private const string Release = """
        ---
        title: Release notes
        description: What changed in this release.
        date: 2025-01-29 18:15:32 +0530
        lastmod: 2025-02-01T10:00:00+01:00
        authors: [Ada Lovelace, Grace Hopper]
        tags: [go, release]
        source: example.org
        aliases: [/news/2025/01/29/release-notes/, /old-release]
        ---

        The release is out.

        ## Changes

        Many changes.
        """;

    private const string Older = """
        ---
        title: Older news
        summary: From before.
        date: 2024-12-01
        author: Alan Turing
        ---

        Older body.
        """;

    /// <summary>The two articles, in a folder of their own.</summary>
    public sealed class Site : ArticleSiteFactory
    {
        public Site() => ContentFolder = Folder.Path;

        public TemporaryContentFolder Folder { get; } = Write();

        public static TemporaryContentFolder Write()
        {
            var folder = new TemporaryContentFolder();
            folder.Write("release-notes.md", Release);
            folder.Write("2024-12-01-older-news.markdown", Older);
            return folder;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Folder.Dispose();
        }
    }

    private async Task<IDocument> PageAsync(string path) =>
        new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync(path, Cancel));

    [Fact]
    public async Task The_page_shows_the_authors_the_authors_date_and_the_update()
    {
        var page = await PageAsync("/articles/release-notes");

        var byline = page.QuerySelector("article header .byline")!;
        Assert.Equal("By Ada Lovelace and Grace Hopper · 29 January 2025 · Updated 1 February 2025 · 1 min read · Source: example.org", byline.TextContent);
        Assert.Equal(["2025-01-29T18:15:32+05:30", "2025-02-01T10:00:00+01:00"], byline.QuerySelectorAll("time").Select(time => time.GetAttribute("datetime")));
        Assert.Equal(["go", "release"], page.QuerySelectorAll("meta[property='article:tag']").Select(meta => meta.GetAttribute("content")));
        Assert.Equal("2025-02-01T10:00:00+01:00", page.QuerySelector("meta[property='article:modified_time']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task The_plain_text_has_the_same_byline()
    {
        var text = await site.CreateClient().GetStringAsync("/articles/release-notes.txt", Cancel);

        Assert.StartsWith("Release notes\n\nWhat changed in this release.\n\nBy Ada Lovelace and Grace Hopper · 29 January 2025 · Updated 1 February 2025 · Source: example.org\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_has_authors_tags_and_the_update_date()
    {
        using var json = JsonDocument.Parse(await site.CreateClient().GetStringAsync("/articles/release-notes.json", Cancel));
        var root = json.RootElement;

        Assert.Equal("2025-01-29", root.GetProperty("date").GetString());
        Assert.Equal("2025-02-01", root.GetProperty("updated").GetString());
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], root.GetProperty("authors").EnumerateArray().Select(author => author.GetString()));
        Assert.Equal(["go", "release"], root.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public async Task JSON_LD_names_the_authors_as_Persons_the_source_as_publisher_and_the_declared_dates()
    {
        var page = await PageAsync("/articles/release-notes");
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var article = json.RootElement;

        Assert.Equal(
            [("Person", "Ada Lovelace"), ("Person", "Grace Hopper")],
            article.GetProperty("author").EnumerateArray().Select(author => (author.GetProperty("@type").GetString(), author.GetProperty("name").GetString())));
        Assert.Equal(("Organization", "example.org"), (article.GetProperty("publisher").GetProperty("@type").GetString(), article.GetProperty("publisher").GetProperty("name").GetString()));
        Assert.Equal("2025-01-29T18:15:32+05:30", article.GetProperty("datePublished").GetString());
        Assert.Equal("2025-02-01T10:00:00+01:00", article.GetProperty("dateModified").GetString());
    }

    [Fact]
    public async Task Atom_entries_carry_their_authors_and_declared_dates_and_the_feed_the_newest()
    {
        var feed = XDocument.Parse(await site.CreateClient().GetStringAsync("/feed.atom", Cancel)).Root!;
        var entries = feed.Elements(Atom + "entry").ToList();

        Assert.Equal("2025-02-01T10:00:00+01:00", feed.Element(Atom + "updated")?.Value);
        Assert.Equal(["Release notes", "Older news"], entries.Select(entry => entry.Element(Atom + "title")?.Value));
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], entries[0].Elements(Atom + "author").Select(author => author.Element(Atom + "name")?.Value));
        Assert.Equal(("2025-01-29T18:15:32+05:30", "2025-02-01T10:00:00+01:00"), (entries[0].Element(Atom + "published")?.Value, entries[0].Element(Atom + "updated")?.Value));
        Assert.Equal(["go", "release"], entries[0].Elements(Atom + "category").Select(category => category.Attribute("term")?.Value));
        Assert.Equal(["Alan Turing"], entries[1].Elements(Atom + "author").Select(author => author.Element(Atom + "name")?.Value));
        Assert.Equal(("2024-12-01T00:00:00Z", "2024-12-01T00:00:00Z"), (entries[1].Element(Atom + "published")?.Value, entries[1].Element(Atom + "updated")?.Value));
    }

    [Fact]
    public async Task The_sitemap_gives_the_declared_modification_dates_and_no_page_a_Last_Modified_that_would_not_move_with_its_bytes()
    {
        var client = site.CreateClient();
        XNamespace sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemaps/1.xml", Cancel)).Root!;
        using var page = await client.GetAsync("/articles/release-notes", Cancel);

        Assert.Equal(
            [("/", "2025-02-01T10:00:00+01:00"), ("/articles/release-notes", "2025-02-01T10:00:00+01:00"), ("/articles/older-news", "2024-12-01"),
             ("/tags/", "2025-02-01T10:00:00+01:00"), ("/tags/go/", "2025-02-01T10:00:00+01:00"), ("/tags/release/", "2025-02-01T10:00:00+01:00")],
            sitemap.Elements(sitemaps + "url").Select(url => (new Uri(url.Element(sitemaps + "loc")!.Value).AbsolutePath, url.Element(sitemaps + "lastmod")!.Value)));
        // A declared date need not move when the text is edited, so it is no validator (docs/http.md, Validators).
        Assert.Null(page.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData("/news/2025/01/29/release-notes/")]
    [InlineData("/news/2025/01/29/release-notes")]
    [InlineData("/old-release")]
    [InlineData("/old-release/")]
    public async Task An_old_URL_answers_301_with_the_articles_path(string oldUrl)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.CreateClient().BaseAddress };

        using var response = await client.GetAsync(oldUrl, Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles/release-notes", response.Headers.Location?.OriginalString);
        // An old URL can move to a newer article: a browser keeps the redirect only as long as a page.
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_path_no_article_names_stays_404()
    {
        using var response = await site.CreateClient().GetAsync("/news/2025/01/29/other/", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_with_authors_tags_and_updates_pass_the_Nu_Html_Checker()
    {
        var client = site.CreateClient();

        await NuHtmlChecker.AssertValidAsync(new Dictionary<string, byte[]>
        {
            ["front-page"] = await client.GetByteArrayAsync("/", Cancel),
            ["release-notes"] = await client.GetByteArrayAsync("/articles/release-notes", Cancel),
            ["older-news"] = await client.GetByteArrayAsync("/articles/older-news", Cancel),
        });
    }

    [Fact]
    public async Task Two_checkouts_of_the_same_articles_with_other_file_times_publish_the_same_bytes()
    {
        using var checkout = Site.Write();
        foreach (var file in Directory.GetFiles(checkout.Path))
            File.SetLastWriteTimeUtc(file, new DateTime(2030, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        await using var replica = new ArticleSiteFactory { ContentFolder = checkout.Path };

        foreach (var path in new[] { "/", "/articles/release-notes", "/articles/older-news.json", "/feed.atom", "/sitemap.xml" })
        {
            var (here, there) = (site.CreateClient(), replica.CreateClient());
            using var first = await here.GetAsync(path, Cancel);
            using var second = await there.GetAsync(path, Cancel);

            // Each replica names its own origin in its absolute URLs; all else is the same.
            Assert.Equal(
                (await first.Content.ReadAsStringAsync(Cancel)).Replace(here.BaseAddress!.Authority, "origin", StringComparison.Ordinal),
                (await second.Content.ReadAsStringAsync(Cancel)).Replace(there.BaseAddress!.Authority, "origin", StringComparison.Ordinal));
            Assert.Equal(first.Content.Headers.LastModified, second.Content.Headers.LastModified);
        }
    }
}
