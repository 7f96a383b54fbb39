using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Loading;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// An article's page leads on: the previous (older) and next (newer) article in the archive's order, and up to three
/// related ones (most shared tags, then nearest in date). The links belong to the snapshot, the body does not.
/// </summary>
public sealed class ArticleNeighbourTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Five articles a day apart; tags chosen so that shared counts and dates both decide.</summary>
    private static void WriteFiveDays(TemporaryContentFolder content)
    {
        content.Write("a.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [x]\n"));
        content.Write("b.md", Article("Beta", "2025-11-02", "Beta body.", "tags: [x, y]\n"));
        content.Write("c.md", Article("Gamma", "2025-11-03", "Gamma body.", "tags: [y]\n"));
        content.Write("d.md", Article("Delta", "2025-11-04", "Delta body."));
        content.Write("e.md", Article("Epsilon", "2025-11-05", "Epsilon body.", "tags: [x, y]\n"));
    }

    /// <summary>What a reader sees of the page's links: each by-date link's label, title and href, then each related link's title and href.</summary>
    private static async Task<(string[] ByDate, string[] Related)> LinksOf(HttpClient client, string path)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path, Cancel), Cancel);
        return LinksOf(page);
    }

    private static (string[] ByDate, string[] Related) LinksOf(IHtmlDocument page) => (
        [.. page.QuerySelectorAll("nav.leads-on .by-date li").Select(item => $"{item.QuerySelector(".label")!.TextContent}: {item.QuerySelector("a")!.TextContent} {item.QuerySelector("a")!.GetAttribute("href")}")],
        [.. page.QuerySelectorAll("nav.leads-on .related a").Select(link => $"{link.TextContent} {link.GetAttribute("href")}")]);

    [Fact]
    public async Task Each_page_links_the_older_and_newer_article_and_the_oldest_and_newest_only_one()
    {
        using var content = new TemporaryContentFolder();
        WriteFiveDays(content);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        Assert.Equal(["Next article: Beta /articles/b"], (await LinksOf(client, "/articles/a")).ByDate);
        Assert.Equal(["Previous article: Alpha /articles/a", "Next article: Gamma /articles/c"], (await LinksOf(client, "/articles/b")).ByDate);
        Assert.Equal(["Previous article: Gamma /articles/c", "Next article: Epsilon /articles/e"], (await LinksOf(client, "/articles/d")).ByDate);
        Assert.Equal(["Previous article: Delta /articles/d"], (await LinksOf(client, "/articles/e")).ByDate);
        var page = await client.GetStringAsync("/articles/b", Cancel);
        Assert.Contains("<nav class=\"leads-on\" aria-label=\"Read on\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_articles_are_those_sharing_most_tags_then_nearest_in_date_and_none_share_no_tag()
    {
        using var content = new TemporaryContentFolder();
        WriteFiveDays(content);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        // Epsilon (x, y): Beta shares both; Gamma and Alpha one each, Gamma two days away, Alpha four.
        Assert.Equal(["Beta /articles/b", "Gamma /articles/c", "Alpha /articles/a"], (await LinksOf(client, "/articles/e")).Related);
        // Alpha (x): Beta and Epsilon share x; Beta, a day away, is its next article, linked already.
        Assert.Equal(["Epsilon /articles/e"], (await LinksOf(client, "/articles/a")).Related);
        // Delta has no tag: nothing is related to it.
        Assert.Empty((await LinksOf(client, "/articles/d")).Related);
        Assert.DoesNotContain("Related", await client.GetStringAsync("/articles/d", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_previous_or_next_article_sharing_the_most_tags_is_not_repeated_as_related_and_the_next_candidates_fill_its_place()
    {
        using var content = new TemporaryContentFolder();
        content.Write("d.md", Article("Delta", "2025-10-01", "Delta body.", "tags: [x]\n"));
        content.Write("e.md", Article("Epsilon", "2025-10-02", "Epsilon body.", "tags: [x]\n"));
        content.Write("f.md", Article("Phi", "2025-10-03", "Phi body.", "tags: [x]\n"));
        content.Write("a.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [x, y]\n"));
        content.Write("b.md", Article("Beta", "2025-11-02", "Beta body.", "tags: [x, y]\n"));
        content.Write("c.md", Article("Gamma", "2025-11-03", "Gamma body.", "tags: [x, y]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var beta = await LinksOf(site.CreateClient(), "/articles/b");

        // Alpha and Gamma share both tags with Beta, but they are its previous and next articles: the three sharing x follow, nearest first.
        Assert.Equal(["Previous article: Alpha /articles/a", "Next article: Gamma /articles/c"], beta.ByDate);
        Assert.Equal(["Phi /articles/f", "Epsilon /articles/e", "Delta /articles/d"], beta.Related);
    }

    [Fact]
    public async Task The_links_are_in_the_page_alone_not_in_its_text_Markdown_or_JSON()
    {
        using var content = new TemporaryContentFolder();
        WriteFiveDays(content);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        foreach (var path in new[] { "/articles/b.txt", "/articles/b.md", "/articles/b.json" })
        {
            var body = await client.GetStringAsync(path, Cancel);
            Assert.DoesNotContain("Gamma", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Alpha", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_links_are_said_in_the_articles_language_and_a_title_in_another_is_marked_so()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [x]\n"));
        content.Write("b.md", Article("베타", "2025-11-02", "베타 본문.", "lang: ko\ntags: [x]\n"));
        content.Write("c.md", Article("Gamma", "2025-11-03", "Gamma body."));
        // Related to 베타, beside it in date neither: Alpha, its previous article, is not listed again as related.
        content.Write("z.md", Article("Zeta", "2025-10-01", "Zeta body.", "tags: [x]\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/articles/b", Cancel), Cancel);

        Assert.Equal(["이전 기사: Alpha /articles/a", "다음 기사: Gamma /articles/c"], LinksOf(page).ByDate);
        Assert.Equal("이어 읽기", page.QuerySelector("nav.leads-on")!.GetAttribute("aria-label"));
        Assert.Equal("관련 기사", page.QuerySelector("nav.leads-on #related-articles")!.TextContent);
        Assert.All(page.QuerySelectorAll("nav.leads-on a"), link => Assert.Equal("en", link.GetAttribute("lang")));
    }

    [Fact]
    public async Task A_new_article_in_between_changes_its_neighbours_links_and_ETags_and_renders_no_body_again()
    {
        var alpha = ArticleParser.Parse(Article("Alpha", "2025-11-01", "Alpha body.", "slug: alpha\ntags: [x]\n"), "alpha.md").Article;
        var gamma = ArticleParser.Parse(Article("Gamma", "2025-11-03", "Gamma body.", "slug: gamma\ntags: [x]\n"), "gamma.md").Article;
        var omega = ArticleParser.Parse(Article("Omega", "2025-12-01", "Omega body.", "slug: omega\n"), "omega.md").Article;
        var beta = ArticleParser.Parse(Article("Beta", "2025-11-02", "Beta body.", "slug: beta\ntags: [x]\n"), "beta.md").Article;
        const string origin = "https://news.example.org";
        var metrics = TestMetrics.Site();
        var store = new RenderedBodies(long.MaxValue, metrics);
        var first = new SiteSnapshot([alpha, gamma, omega]) { Metrics = metrics, Bodies = store };
        var before = await first.ForOriginAsync(origin);
        var pagesBefore = new Dictionary<string, Resource>();
        foreach (var slug in new[] { "alpha", "gamma", "omega" })
            pagesBefore[slug] = await before.Find($"/articles/{slug}")!;
        var textBefore = await before.Find("/articles/alpha.txt")!;

        var after = await new SiteSnapshot([alpha, beta, gamma, omega], previous: first) { Metrics = metrics, Bodies = store }.ForOriginAsync(origin);
        var pagesAfter = new Dictionary<string, Resource>();
        foreach (var slug in new[] { "alpha", "gamma", "omega" })
            pagesAfter[slug] = await after.Find($"/articles/{slug}")!;

        Assert.Equal(["Next article: Beta /articles/beta"], LinksOf(await ParseAsync(pagesAfter["alpha"])).ByDate);
        // Beta, Gamma's previous article now, is linked as such, not again as related.
        Assert.Equal(["Alpha /articles/alpha"], LinksOf(await ParseAsync(pagesAfter["gamma"])).Related);
        Assert.NotEqual(pagesBefore["alpha"].Representation.ETag, pagesAfter["alpha"].Representation.ETag);
        Assert.NotEqual(pagesBefore["gamma"].Representation.ETag, pagesAfter["gamma"].Representation.ETag);
        // Omega's neighbour (Gamma) and its lack of related articles did not change: the same page, the same ETag.
        Assert.Equal(pagesBefore["omega"].Representation.ETag, pagesAfter["omega"].Representation.ETag);
        // The bodies were not rendered again: the very same text representation, and the store holds each article once.
        Assert.Same(textBefore, await after.Find("/articles/alpha.txt")!);
        Assert.Same(pagesBefore["alpha"].Representations[1], pagesAfter["alpha"].Representations[1]);
        Assert.Equal(3, store.Count);
    }

    private static Task<IHtmlDocument> ParseAsync(Resource page) =>
        new HtmlParser().ParseDocumentAsync(System.Text.Encoding.UTF8.GetString(page.Representation.Body), Cancel);

    [Fact]
    public async Task A_published_article_in_between_changes_the_links_and_ETag_its_neighbours_serve()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Alpha", "2025-11-01", "Alpha body."));
        content.Write("c.md", Article("Gamma", "2025-11-03", "Gamma body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var alphaETag = await ETagOf(client, "/articles/a");
        var gammaETag = await ETagOf(client, "/articles/c");
        Assert.Equal(["Next article: Gamma /articles/c"], (await LinksOf(client, "/articles/a")).ByDate);

        content.Write("b.md", Article("Beta", "2025-11-02", "Beta body."));

        await Eventually.GetAsync(() => LinksOf(client, "/articles/a"), links => links.ByDate.SequenceEqual(["Next article: Beta /articles/b"]), "Alpha to link Beta");
        Assert.Equal(["Previous article: Beta /articles/b"], (await LinksOf(client, "/articles/c")).ByDate);
        Assert.NotEqual(alphaETag, await ETagOf(client, "/articles/a"));
        Assert.NotEqual(gammaETag, await ETagOf(client, "/articles/c"));
    }

    private static async Task<string?> ETagOf(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag?.Tag;
    }

    [Fact]
    public async Task An_embargoed_draft_or_expired_article_is_never_linked_until_it_is_out()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Alpha", "2025-10-28", "Alpha body.", "tags: [x]\n"));
        content.Write("held.md", Article("Held", "2025-10-29", "Held body.", "publishDate: 2025-11-01T14:00:00Z\ntags: [x]\n"));
        content.Write("draft.md", Article("Draft", "2025-10-29", "Draft body.", "draft: true\ntags: [x]\n"));
        content.Write("old.md", Article("Old", "2025-10-29", "Old body.", "expiryDate: 2025-10-31\ntags: [x]\n"));
        content.Write("c.md", Article("Gamma", "2025-10-30", "Gamma body.", "tags: [x]\n"));
        // Saturday 1 November 2025, 12:00 in UTC: two hours before Held is out.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();

        var alpha = await LinksOf(client, "/articles/a");
        Assert.Equal(["Next article: Gamma /articles/c"], alpha.ByDate);
        // Gamma, the one article sharing x, is Alpha's next article: none is left to be related.
        Assert.Empty(alpha.Related);
        Assert.Equal(["Previous article: Alpha /articles/a"], (await LinksOf(client, "/articles/c")).ByDate);

        clock.Advance(TimeSpan.FromHours(2));

        await Eventually.GetAsync(() => LinksOf(client, "/articles/a"), links => links.ByDate.SequenceEqual(["Next article: Held /articles/held"]), "Alpha to link Held once it is out");
    }
}
