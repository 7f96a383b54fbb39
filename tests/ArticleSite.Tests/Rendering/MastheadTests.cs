using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Exporting;
using ArticleSite.Publishing;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>Every HTML page's masthead: the site's name, "All articles" and "Tags", the page a reader is on marked, and the search form.</summary>
public sealed class MastheadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each kind of page, with which masthead link (by its URL) names the page itself; null for none.</summary>
    public static TheoryData<string, HttpStatusCode, string?> Pages => new()
    {
        { "/", HttpStatusCode.OK, "/" },
        { "/articles/alpha", HttpStatusCode.OK, null },
        { "/articles/", HttpStatusCode.OK, "/articles/" },
        { "/articles/page/2/", HttpStatusCode.OK, null },
        { "/tags/", HttpStatusCode.OK, "/tags/" },
        { "/tags/world/", HttpStatusCode.OK, null },
        { "/search", HttpStatusCode.OK, null },
        { "/search?q=alpha", HttpStatusCode.OK, null },
        { "/no-such-page", HttpStatusCode.NotFound, null },
        { "/articles/expired", HttpStatusCode.Gone, null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_links_home_all_articles_and_tags_marks_the_page_it_is_and_has_the_search_form(string path, HttpStatusCode status, string? current)
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [World]\n"));
        for (var day = 1; day <= 50; day++)
            content.Write($"day-{day}.md", Article($"Day {day}", $"2025-10-{day % 28 + 1:00}", $"Body {day}."));
        content.Write("expired.md", Article("Expired", "2025-09-01", "Gone body.", "expiryDate: 2025-09-02\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        using var response = await site.CreateClient().GetAsync(path, Cancel);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Cancel), Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(
            [("ArticleSite", "/", Current("/")), ("All articles", "/articles/", Current("/articles/")), ("Tags", "/tags/", Current("/tags/"))],
            MastheadLinksOf(page));
        var form = Assert.Single(page.QuerySelectorAll("body > header.masthead > form"));
        Assert.Equal(("search", "get", "/search", "Search the articles"),
            (form.GetAttribute("role"), form.GetAttribute("method"), form.GetAttribute("action"), form.GetAttribute("aria-label")));

        string? Current(string link) => link == current ? "page" : null;
    }

    [Fact]
    public async Task With_one_article_and_no_tag_the_masthead_links_and_a_search_without_results_lead_to_the_archive_of_it_and_no_tags_page_is_suggested()
    {
        using var content = new TemporaryContentFolder();
        content.Write("only.md", Article("Only", "2025-11-01", "The only body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var parser = new HtmlParser();

        var home = await parser.ParseDocumentAsync(await client.GetStringAsync("/", Cancel), Cancel);
        using var archiveResponse = await client.GetAsync("/articles/", Cancel);
        using var tagsResponse = await client.GetAsync("/tags/", Cancel);
        var archive = await parser.ParseDocumentAsync(await archiveResponse.Content.ReadAsStringAsync(Cancel), Cancel);
        var tags = await parser.ParseDocumentAsync(await tagsResponse.Content.ReadAsStringAsync(Cancel), Cancel);

        Assert.Equal([("ArticleSite", "/", null), ("All articles", "/articles/", null), ("Tags", "/tags/", null)], MastheadLinksOf(home));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (archiveResponse.StatusCode, tagsResponse.StatusCode));
        Assert.Equal(["Only"], archive.QuerySelectorAll("#all-articles ~ article h2").Select(heading => heading.TextContent));
        Assert.Equal(("All tags", "No article has a tag yet."), (tags.QuerySelector("main h1")?.TextContent, tags.QuerySelector("main p")?.TextContent));
        var none = await Eventually.GetAsync(() => client.GetStringAsync("/search?q=nothingmatchesthis", Cancel),
            page => page.Contains("No article matches", StringComparison.Ordinal), "the search index to be ready");
        Assert.Contains("<p>Try other or fewer words, or browse <a href=\"/articles/\">All articles</a></p>", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_page_has_the_masthead_in_the_sites_language_and_its_own_english_words_marked_as_such()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("알파", "2025-11-01", "본문."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:Language"] = "ko" } };

        var page = await new HtmlParser().ParseDocumentAsync(await (await site.CreateClient().GetAsync("/no-such-page", Cancel)).Content.ReadAsStringAsync(Cancel), Cancel);

        Assert.Equal("ko", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal([("ArticleSite", "/", null), ("모든 기사", "/articles/", null), ("태그", "/tags/", null)], MastheadLinksOf(page));
        Assert.Equal(("en", "404 Not Found"), (page.QuerySelector("main")?.GetAttribute("lang"), page.QuerySelector("main h1")?.TextContent));
    }

    [Fact]
    public async Task The_static_exports_pages_link_all_articles_and_tags_and_have_no_search_form()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [World]\n"));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        var folder = Directory.CreateTempSubdirectory("articlesite-export-").FullName;
        try
        {
            await using var factory = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:SearchForm"] = "false" } };
            var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
            await new ExportCommand(folder, "https://news.example.org").RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(),
                factory.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value);

            foreach (var (path, current) in new[] { ("/", "/"), ("/articles/alpha", null), ("/articles/", "/articles/"), ("/tags/", "/tags/"), ("/tags/world/", null) })
            {
                var page = await new HtmlParser().ParseDocumentAsync(await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.FileName(path)), Cancel), Cancel);
                Assert.Equal(
                    [("ArticleSite", "/", current == "/" ? "page" : null), ("All articles", "/articles/", current == "/articles/" ? "page" : null), ("Tags", "/tags/", current == "/tags/" ? "page" : null)],
                    MastheadLinksOf(page));
                Assert.Empty(page.QuerySelectorAll("form"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The masthead's links: text, href and aria-current.</summary>
    private static IEnumerable<(string Text, string? Href, string? Current)> MastheadLinksOf(IHtmlDocument page) =>
        page.QuerySelectorAll("body > header.masthead > a").Select(link => (link.TextContent, link.GetAttribute("href"), link.GetAttribute("aria-current")));
}
