using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// The 102 release posts of Jekyll's own site (Fixtures/jekyll-posts, MIT), published as they are: the folder of a tool
/// nobody on this project wrote for. The expected values below were read from the files by hand.
/// </summary>
public sealed class JekyllPostsTests(JekyllPostsTests.JekyllSite site) : IClassFixture<JekyllPostsTests.JekyllSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The site publishing a copy of the Jekyll posts.</summary>
    public sealed class JekyllSite : ArticleSiteFactory
    {
        public JekyllSite() => ContentFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "jekyll-posts");
    }

    [Fact]
    public async Task Every_post_is_published_or_reported_with_what_the_writer_should_change()
    {
        var health = await Health.GetAsync(site.CreateClient());

        Assert.Equal(("Degraded", 102), (health.Status, health.Articles));
        var calls = health.Problems.Where(problem => problem.Reason.Contains("template call", StringComparison.Ordinal)).ToList();
        // Liquid the site does not run: its loops, its variables, a link to a page that is not a post.
        Assert.Equal(23, calls.Count);
        Assert.Contains(("2013-07-24-jekyll-1-1-1-released.markdown",
            "line 10: {{ site.repository }} is a template call of another tool that the site does not understand; its content is shown without it (lines 10, 11, 14, 20, 22)"),
            calls.Select(problem => (Path.GetFileName(problem.Path), problem.Reason)));
        Assert.Contains(("2023-01-29-jekyll-3-9-3-released.markdown",
            "line 13: {% link _docs/history.md %} is a template call of another tool that the site does not understand; its content is shown without it"),
            calls.Select(problem => (Path.GetFileName(problem.Path), problem.Reason)));
        Assert.Contains(("2023-12-28-jekyll-3-9-4-released.markdown",
            "line 12: {% link _docs/history.md %} is a template call of another tool that the site does not understand; its content is shown without it"),
            calls.Select(problem => (Path.GetFileName(problem.Path), problem.Reason)));
        Assert.Equal(
            [
                // The fixture keeps the posts without Jekyll's img/ folder: their pictures are missing, shown as their alt text.
                ("2014-06-04-jekyll-stickers-1-dollar-stickermule.markdown",
                    "line 8: '/img/jekyll-sticker.png' does not exist; the alt text is shown instead"),
                ("2018-08-01-jekyll-sponsoring.markdown",
                    "line 56: '/img/forestry-logo.svg' does not exist; the alt text is shown instead"),
            ],
            health.Problems.Except(calls).Select(problem => (Path.GetFileName(problem.Path), problem.Reason)));
    }

    public static TheoryData<string, string, string, string, string, string[]> Posts => new()
    {
        // slug, title, <time datetime>, date shown, byline, tags
        { "jekyll-4-4-1-released", "Jekyll 4.4.1 Released", "2025-01-29T18:15:32+05:30", "29 January 2025", "By ashmaroli", ["release"] },
        { "jekyll-1-0-0-released", "Jekyll 1.0.0 Released", "2013-05-06T02:12:52+02:00", "6 May 2013", "By parkr", ["release"] },
        // 21:35 at UTC-7 is already the 19th in UTC: the page shows the author's day.
        { "jekyll-3-1-5-released", "Jekyll 3.1.5 Released", "2016-05-18T21:35:27-07:00", "18 May 2016", "By parkr", ["release"] },
        // The front matter's date wins over the file name's (2014-11-06).
        { "jekylls-midlife-crisis-jekyll-turns-2-5-0", "Jekyll's Mid-Life Crisis (Or, Jekyll turns 2.5.0)", "2014-11-05T10:48:22-08:00", "5 November 2014", "By parkr", ["release"] },
        { "development-update", "Jekyll 4.0 is on the Horizon!", "2018-04-19T16:07:00+01:00", "19 April 2018", "By oe", ["community"] },
        { "jekyll-stickers-1-dollar-stickermule", "Pick Up your $1 Jekyll Sticker", "2014-06-04T15:46:53-04:00", "4 June 2014", "By parkr", ["partners"] },
        // No date in the front matter: the file name's.
        { "jekyll-turns-2-0-0", "Jekyll turns 2.0.0", "2014-05-06", "6 May 2014", "By parkr", ["release"] },
        { "making-it-easier-to-contribute-to-jekyll", "Making it easier to contribute to Jekyll", "2016-03-10", "10 March 2016", "By benbalter", ["community"] },
        { "jekyll-4-0-0-pre-beta1-released", "Jekyll 4.0.0.pre.beta1 Released", "2019-08-04T10:43:31-05:00", "4 August 2019", "By mattr-", ["release"] },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task A_post_shows_its_title_date_with_its_offset_authors_and_tags(string slug, string title, string instant, string shown, string byline, string[] tags)
    {
        var page = await PageAsync($"/articles/{slug}");

        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        var time = page.QuerySelector(".byline time")!;
        Assert.Equal((instant, shown), (time.GetAttribute("datetime"), time.TextContent));
        Assert.Equal(byline, page.QuerySelector(".byline .authors")!.TextContent);
        Assert.Equal(tags, page.QuerySelectorAll("meta[property='article:tag']").Select(meta => meta.GetAttribute("content")));
        Assert.Equal(instant, page.QuerySelector("meta[property='article:published_time']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task A_description_is_the_summary()
    {
        var page = await PageAsync("/articles/making-it-easier-to-contribute-to-jekyll");

        Assert.Equal(
            "We've made it easier to contribute to Jekyll by updating our contributing documentation and introducing Jekyll Affinity Teams, teams dedicated to specific aspects of the project.",
            page.QuerySelector(".summary")!.TextContent);
    }

    [Fact]
    public async Task Jekylls_loops_are_not_run_their_tags_leave_the_page_and_are_reported()
    {
        var page = await PageAsync("/articles/jekyll-1-0-1-released");

        var article = page.QuerySelector("main article")!;
        Assert.DoesNotContain("{%", article.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", article.TextContent, StringComparison.Ordinal);
        Assert.Equal("See the History page for more information on this release.", article.QuerySelectorAll(":scope > p")[^1].TextContent);
    }

    [Fact]
    public async Task Redirect_from_answers_301_to_the_post()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.CreateClient().BaseAddress };

        using var response = await client.GetAsync("/news/2019/07/20/jekyll-4-0-0-pre-beta1-released/", Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/articles/jekyll-4-0-0-pre-beta1-released", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_newest_post_leads_and_the_pages_of_the_posts_pass_the_Nu_Html_Checker()
    {
        var client = site.CreateClient();
        Assert.Equal("jekyll-4-4-1-released", (await Health.GetAsync(client)).LeadSlug);
        var pages = new Dictionary<string, byte[]>
        {
            ["front-page"] = await client.GetByteArrayAsync("/", Cancel),
            ["jekyll-1-0-1-released"] = await client.GetByteArrayAsync("/articles/jekyll-1-0-1-released", Cancel),
        };
        foreach (var slug in Posts.Select(row => (string)((ITheoryDataRow)row).GetData()[0]!))
            pages[slug] = await client.GetByteArrayAsync($"/articles/{slug}", Cancel);

        await NuHtmlChecker.AssertValidAsync(pages);
    }

    private async Task<IDocument> PageAsync(string path)
    {
        using var response = await site.CreateClient().GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
    }
}
