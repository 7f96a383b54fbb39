using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>Tag pages: every tag with its count at /tags/, each tag's articles newest first, paginated, with its own feed.</summary>
public sealed class TagPageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static TheoryData<string, string> Slugs => new()
    {
        { "release", "release" },
        { "Release", "release" },
        { "Open Source", "open-source" },
        { "  go / golang  ", "go-golang" },
        { "C#", "c" },
        { "Node.js", "node-js" },
        { "Ünïcödé", "ünïcödé" },
        { "한국 경제", "한국-경제" },
        { "日本語", "日本語" },
        { "العربية", "العربية" },
        { "!!!", "" },
        { "Cafe\u0301", "caf\u00e9" },
        { "CAF\u00c9", "caf\u00e9" },
        { "ΟΔΟΣ", "οδοσ" },
        { "οδος", "οδοσ" },
    };

    [Theory]
    [MemberData(nameof(Slugs))]
    public void A_tag_slug_keeps_letters_and_digits_in_lower_case_in_any_script_and_makes_every_other_run_one_hyphen(string tag, string slug) =>
        Assert.Equal(slug, TagIndex.SlugOf(tag));

    [Fact]
    public async Task The_tags_page_lists_every_tag_by_name_with_its_count_and_merges_spellings_of_one_slug()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("A", "2025-11-03", "Body.", "tags: [Release, Go]\n"));
        content.Write("b.md", Article("B", "2025-11-02", "Body.", "tags: [release]\n"));
        content.Write("c.md", Article("C", "2025-11-01", "Body.", "tags: [release, \"!!!\", 한국 경제]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/tags/", Cancel), Cancel);

        Assert.Equal("All tags", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(
            [("Go", "/tags/go/", "1 article"), ("release", "/tags/release/", "3 articles"), ("한국 경제", "/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C/", "1 article")],
            TagListOf(page));
    }

    /// <summary>Each entry of the tags page: the tag's name, its link and its count.</summary>
    private static IEnumerable<(string Name, string? Href, string Count)> TagListOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".tag-list li").Select(item => (item.QuerySelector("a")!.TextContent, item.QuerySelector("a")!.GetAttribute("href"), item.QuerySelector(".count")!.TextContent));

    [Fact]
    public async Task A_tag_typed_composed_or_with_a_combining_accent_is_one_tag_at_one_URL()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("A", "2025-11-03", "Body.", "tags: [\"Caf\u00e9\"]\n"));
        content.Write("b.md", Article("B", "2025-11-02", "Body.", "tags: [\"Cafe\u0301\"]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/tags/", Cancel), Cancel);
        using var decomposed = await client.GetAsync("/tags/cafe%CC%81/", Cancel);

        Assert.Equal(
            [("Caf\u00e9", "/tags/caf%C3%A9/", "2 articles")],
            TagListOf(page));
        Assert.Equal(HttpStatusCode.NotFound, decomposed.StatusCode);
    }

    [Theory]
    [InlineData("/tags", "/tags/")]
    [InlineData("/tags/go", "/tags/go/")]
    [InlineData("/tags/go?from=feed", "/tags/go/?from=feed")]
    [InlineData("/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C", "/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C/")]
    [InlineData("/articles", "/articles/")]
    [InlineData("/tags/go/page/2", "/tags/go/page/2/")]
    public async Task A_list_pages_URL_without_its_slash_redirects_to_its_one_URL(string path, string location)
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 51; day++)
            content.Write($"a{day}.md", Article($"A{day}", $"2025-10-{(day % 28) + 1:00}", "Body.", "tags: [Go, 한국 경제]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.CreateClient().BaseAddress };

        using var response = await client.GetAsync(path, Cancel);
        using var unknown = await client.GetAsync("/tags/nothing", Cancel);

        Assert.Equal((HttpStatusCode.MovedPermanently, location), (response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_tag_page_lists_its_articles_newest_first_and_each_article_links_its_tags()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Oldest", "2025-01-01", "Body.", "tags: [go]\n"));
        content.Write("b.md", Article("Newest", "2025-03-01", "Body.", "tags: [go, release]\n"));
        content.Write("c.md", Article("Middle", "2025-02-01", "Body.", "tags: [Go]\n"));
        content.Write("d.md", Article("Untagged", "2025-04-01", "Body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var tagPage = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/tags/go/", Cancel), Cancel);
        var article = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/articles/b", Cancel), Cancel);

        Assert.Equal("Tagged “go” · ArticleSite", tagPage.Title);
        Assert.Equal("Tagged “go”", tagPage.QuerySelector("h1")?.TextContent);
        Assert.Equal(["Newest", "Middle", "Oldest"], tagPage.QuerySelectorAll(".entry h2").Select(heading => heading.TextContent));
        Assert.Equal("/tags/go/feed.atom", tagPage.QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
        Assert.Equal(
            [("go", "/tags/go/"), ("release", "/tags/release/")],
            article.QuerySelectorAll("nav.tags a[rel=tag]").Select(link => (link.TextContent, link.GetAttribute("href"))));
    }

    [Fact]
    public async Task A_tag_of_120_articles_has_three_pages_of_50_with_stable_urls_and_prev_next_links()
    {
        using var content = new TemporaryContentFolder();
        var day = new DateOnly(2025, 1, 1);
        for (var number = 1; number <= 120; number++)
            content.Write($"a{number:000}.md", Article($"Article {number}", day.AddDays(number).ToString("yyyy-MM-dd"), "Body.", "tags: [busy]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var origin = client.BaseAddress!.AbsoluteUri.TrimEnd('/');

        var pages = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        foreach (var path in new[] { "/tags/busy/", "/tags/busy/page/2/", "/tags/busy/page/3/" })
            pages.Add(await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path, Cancel), Cancel));
        using var beyond = await client.GetAsync("/tags/busy/page/4/", Cancel);

        Assert.Equal([50, 50, 20], pages.Select(page => page.QuerySelectorAll(".entry").Length));
        Assert.Equal(["Article 120", "Article 70", "Article 20"], pages.Select(page => page.QuerySelector(".entry h2")!.TextContent));
        Assert.Equal([null, origin + "/tags/busy/", origin + "/tags/busy/page/2/"], pages.Select(page => page.QuerySelector("link[rel=prev]")?.GetAttribute("href")));
        Assert.Equal([origin + "/tags/busy/page/2/", origin + "/tags/busy/page/3/", null], pages.Select(page => page.QuerySelector("link[rel=next]")?.GetAttribute("href")));
        Assert.Equal(["Tagged “busy” · ArticleSite", "Tagged “busy”, page 2 of 3 · ArticleSite", "Tagged “busy”, page 3 of 3 · ArticleSite"], pages.Select(page => page.Title));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task Each_tag_has_an_atom_feed_of_its_newest_20_articles()
    {
        using var content = new TemporaryContentFolder();
        var day = new DateOnly(2025, 1, 1);
        for (var number = 1; number <= 25; number++)
            content.Write($"a{number:00}.md", Article($"Article {number}", day.AddDays(number).ToString("yyyy-MM-dd"), "Body.", number % 5 == 0 ? "tags: [other]\n" : "tags: [feed]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        using var response = await client.GetAsync("/tags/feed/feed.atom", Cancel);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).Root!;
        var other = XDocument.Parse(await client.GetStringAsync("/tags/other/feed.atom", Cancel)).Root!;

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ArticleSite · feed", feed.Element(Atom + "title")?.Value);
        Assert.EndsWith("/tags/feed/feed.atom", feed.Elements(Atom + "link").Single(link => (string?)link.Attribute("rel") == "self").Attribute("href")!.Value, StringComparison.Ordinal);
        var titles = feed.Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")!.Value).ToList();
        Assert.Equal(20, titles.Count);
        Assert.Equal(["Article 24", "Article 23", "Article 22", "Article 21", "Article 19"], titles.Take(5));
        Assert.Equal(["Article 25", "Article 20", "Article 15", "Article 10", "Article 5"], other.Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")!.Value));
    }

    [Fact]
    public async Task A_korean_tag_is_served_at_its_percent_encoded_utf8_path_and_shown_by_its_name()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("경제 기사", "2025-11-01", "본문.", "lang: ko\ntags: [한국 경제]\n"));
        content.Write("b.md", Article("Other", "2025-10-01", "Body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C/", Cancel), Cancel);
        using var feed = await client.GetAsync("/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C/feed.atom", Cancel);
        var sitemap = await client.GetStringAsync("/sitemaps/1.xml", Cancel);

        Assert.Equal("Tagged “한국 경제”", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(["경제 기사"], page.QuerySelectorAll(".entry h2").Select(heading => heading.TextContent));
        Assert.Equal(("ko", "ltr"), (page.QuerySelector(".entry")?.GetAttribute("lang"), page.QuerySelector(".entry")?.GetAttribute("dir")));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("/tags/%ED%95%9C%EA%B5%AD-%EA%B2%BD%EC%A0%9C/</loc>", sitemap, StringComparison.Ordinal);
    }
}
