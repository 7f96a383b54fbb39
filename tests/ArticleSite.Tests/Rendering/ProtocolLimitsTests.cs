using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// What keeps the lists of a large archive within the protocols' limits and a useful size: the sitemap index and its
/// children, the feed of the newest articles, the archive's pages, llms.txt.
/// </summary>
public sealed class ProtocolLimitsTests
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Articles "Article 1" … "Article n", article k dated k days after 1 January 2025: the highest number is the newest.</summary>
    private static TemporaryContentFolder Numbered(int count, Func<int, string?>? moreFrontMatter = null)
    {
        var content = new TemporaryContentFolder();
        for (var number = 1; number <= count; number++)
        {
            var date = new DateOnly(2025, 1, 1).AddDays(number).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            content.Write($"article-{number}.md", Article($"Article {number}", date, $"Body {number}.", moreFrontMatter?.Invoke(number)));
        }
        return content;
    }

    private static string Origin(HttpClient client) => client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task The_sitemap_index_lists_children_of_at_most_the_configured_size_which_name_every_page_exactly_once()
    {
        // Article 1, the oldest and last listed, declares a later change than any other: the lastmod of the front page and of its child.
        using var content = Numbered(5, number => number == 1 ? "updated: 2025-03-01\n" : null);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:SitemapUrlsPerFile"] = "2" } };
        var client = site.CreateClient();
        var origin = Origin(client);

        using var indexResponse = await client.GetAsync("/sitemap.xml", Cancel);
        var index = XDocument.Parse(await indexResponse.Content.ReadAsStringAsync(Cancel)).Root!;
        var children = index.Elements().ToList();
        var urlsets = new List<XElement>();
        foreach (var child in children)
            urlsets.Add(XDocument.Parse(await client.GetStringAsync(child.Element(Sitemaps + "loc")!.Value, Cancel)).Root!);

        Assert.Equal("application/xml", indexResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Sitemaps + "sitemapindex", index.Name);
        Assert.All(children, child => Assert.Equal([Sitemaps + "loc", Sitemaps + "lastmod"], child.Elements().Select(element => element.Name)));
        Assert.Equal([$"{origin}/sitemaps/1.xml", $"{origin}/sitemaps/2.xml", $"{origin}/sitemaps/3.xml"], children.Select(child => child.Element(Sitemaps + "loc")!.Value));
        Assert.All(urlsets, urlset =>
        {
            Assert.Equal(Sitemaps + "urlset", urlset.Name);
            Assert.InRange(urlset.Elements().Count(), 1, 2);
            Assert.All(urlset.Elements(), url => Assert.Equal([Sitemaps + "url"], [url.Name]));
            Assert.All(urlset.Elements(), url => Assert.Equal([Sitemaps + "loc", Sitemaps + "lastmod"], url.Elements().Select(element => element.Name)));
        });
        // The front page, then every article newest first; each once.
        Assert.Equal(
            ["/", "/articles/article-5", "/articles/article-4", "/articles/article-3", "/articles/article-2", "/articles/article-1"],
            urlsets.SelectMany(urlset => urlset.Elements(Sitemaps + "url")).Select(url => new Uri(url.Element(Sitemaps + "loc")!.Value).AbsolutePath));
        Assert.Equal(
            ["2025-03-01", "2025-01-05", "2025-03-01"],
            children.Select(child => child.Element(Sitemaps + "lastmod")!.Value));
        Assert.Equal(
            children.Select(child => child.Element(Sitemaps + "lastmod")!.Value),
            urlsets.Select(urlset => urlset.Elements(Sitemaps + "url").Select(url => url.Element(Sitemaps + "lastmod")!.Value).Max(StringComparer.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/4.xml", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/0.xml", Cancel)).StatusCode);
    }

    [Fact]
    public async Task By_default_one_child_sitemap_holds_up_to_fifty_thousand_urls()
    {
        using var content = Numbered(3);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Cancel)).Root!;
        var urlset = XDocument.Parse(await client.GetStringAsync("/sitemaps/1.xml", Cancel)).Root!;

        Assert.Equal([$"{Origin(client)}/sitemaps/1.xml"], index.Elements(Sitemaps + "sitemap").Select(child => child.Element(Sitemaps + "loc")!.Value));
        Assert.Equal(4, urlset.Elements(Sitemaps + "url").Count());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/2.xml", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("50001")]
    public async Task A_sitemap_size_beyond_the_protocols_limit_stops_the_site_with_one_line_saying_why(string urlsPerFile)
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "--Site:SitemapUrlsPerFile", urlsPerFile);

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"ArticleSite cannot start: Site:SitemapUrlsPerFile {urlsPerFile} is not between 1 and 50000, the sitemap protocol's limit", Assert.Single(errorLines));
    }

    [Fact]
    public async Task The_feed_carries_the_newest_twenty_articles_newest_first()
    {
        using var content = Numbered(25);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var feed = XDocument.Parse(await site.CreateClient().GetStringAsync("/feed.atom", Cancel)).Root!;

        Assert.Equal(
            Enumerable.Range(6, 20).Reverse().Select(number => $"Article {number}"),
            feed.Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")?.Value));
        Assert.StartsWith("2025-01-26", feed.Element(Atom + "updated")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_archive_has_pages_of_fifty_newest_first_each_its_own_canonical_with_previous_and_next_links()
    {
        using var content = Numbered(120);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var origin = Origin(client);
        var parser = new HtmlParser();

        var pages = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        foreach (var path in new[] { "/articles/", "/articles/page/2/", "/articles/page/3/" })
        {
            using var response = await client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(Cancel), Cancel));
        }

        string[] Titles(int first, int last) => [.. Enumerable.Range(last, first - last + 1).Reverse().Select(number => $"Article {number}")];
        Assert.Equal(Titles(120, 71), pages[0].QuerySelectorAll("#all-articles ~ article h2").Select(heading => heading.TextContent));
        Assert.Equal(Titles(70, 21), pages[1].QuerySelectorAll("#all-articles ~ article h2").Select(heading => heading.TextContent));
        Assert.Equal(Titles(20, 1), pages[2].QuerySelectorAll("#all-articles ~ article h2").Select(heading => heading.TextContent));
        Assert.Equal(
            [$"{origin}/articles/", $"{origin}/articles/page/2/", $"{origin}/articles/page/3/"],
            pages.Select(page => page.QuerySelector("link[rel=canonical]")?.GetAttribute("href")));
        Assert.Equal(
            [(null, $"{origin}/articles/page/2/"), ($"{origin}/articles/", $"{origin}/articles/page/3/"), ($"{origin}/articles/page/2/", null)],
            pages.Select(page => (page.QuerySelector("link[rel=prev]")?.GetAttribute("href"), page.QuerySelector("link[rel=next]")?.GetAttribute("href"))));
        Assert.Equal(
            ["Page 1 of 3 Older articles", "Newer articles Page 2 of 3 Older articles", "Newer articles Page 3 of 3"],
            pages.Select(page => string.Join(' ', page.QuerySelectorAll("nav.pages > *").Select(item => item.TextContent))));
        Assert.Equal(
            [(null, "/articles/page/2/"), ("/articles/", "/articles/page/3/"), ("/articles/page/2/", null)],
            pages.Select(page => (page.QuerySelector("nav.pages a[rel=prev]")?.GetAttribute("href"), page.QuerySelector("nav.pages a[rel=next]")?.GetAttribute("href"))));
        Assert.Equal(
            ["All articles · ArticleSite", "All articles, page 2 of 3 · ArticleSite", "All articles, page 3 of 3 · ArticleSite"],
            pages.Select(page => page.Title));
        foreach (var beyond in new[] { "/articles/page/4/", "/articles/page/1/", "/articles/page/0/", "/articles/page/4" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(beyond, Cancel)).StatusCode);
        // A page's URL without its slash redirects to it (TagPageTests); past the last page there is none to redirect to.
    }

    [Fact]
    public async Task An_archive_of_one_page_has_no_page_navigation()
    {
        using var content = Numbered(50);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/articles/", Cancel), Cancel);

        Assert.Equal(50, page.QuerySelectorAll("#all-articles ~ article").Length);
        Assert.Null(page.QuerySelector("nav.pages"));
        Assert.Empty(page.QuerySelectorAll("link[rel=prev], link[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/page/2/", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Llms_txt_links_the_newest_fifty_articles_and_the_archive_and_sitemap_for_the_rest()
    {
        using var content = Numbered(60);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var origin = Origin(client);

        var llms = await client.GetStringAsync("/llms.txt", Cancel);
        var lines = llms.Split('\n');

        var listed = lines.Where(line => line.StartsWith("- [Article ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(11, 50).Reverse().Select(number => $"- [Article {number}]({origin}/articles/article-{number}.md)"), listed.Select(line => line[..line.IndexOf(':', line.IndexOf(')', StringComparison.Ordinal))]));
        Assert.EndsWith(
            $"\n## Optional\n\n- [All 60 articles]({origin}/articles/): newest first, 50 a page\n- [Sitemap]({origin}/sitemap.xml): every article's page, with the date it last changed\n",
            llms, StringComparison.Ordinal);
        Assert.InRange(llms.Length, 1, 16 * 1024);
    }

    [Fact]
    public async Task Llms_txt_of_a_small_site_lists_every_article_and_no_optional_section()
    {
        using var content = Numbered(3);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var llms = await site.CreateClient().GetStringAsync("/llms.txt", Cancel);

        Assert.Equal(3, llms.Split('\n').Count(line => line.StartsWith("- [Article ", StringComparison.Ordinal)));
        Assert.DoesNotContain("## Optional", llms, StringComparison.Ordinal);
    }
}
