using System.Net;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>A content folder of several articles: each one's URLs, the front page, the lead, and slugs.</summary>
public sealed class ManyArticlesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_article_has_its_own_page_and_plain_text()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body.", "slug: beta-news\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        Assert.Equal("Alpha\n\nSummary of Alpha.\n\n1 November 2025\n\nAlpha body.\n", await client.GetStringAsync("/articles/alpha.txt", Cancel));
        Assert.Equal("Beta\n\nSummary of Beta.\n\n2 November 2025\n\nBeta body.\n", await client.GetStringAsync("/articles/beta-news.txt", Cancel));
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/articles/alpha", Cancel), Cancel);
        Assert.Equal("Alpha", page.QuerySelector("h1")?.TextContent);
        Assert.Null(page.QuerySelector("#more-articles"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/beta", Cancel)).StatusCode);
    }

    [Fact]
    public async Task With_several_articles_the_front_page_shows_the_newest_in_full_and_lists_the_others_newest_first()
    {
        using var content = new TemporaryContentFolder();
        content.Write("old.md", Article("Old news", "2025-10-01", string.Join(' ', Enumerable.Repeat("word", 600)))); // 600 words at 230 a minute: 3 minutes
        content.Write("newest.md", Article("Newest", "2025-11-03", "The newest body."));
        content.Write("middle.md", Article("Middle", "2025-11-02", "The middle body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/", Cancel), Cancel);

        Assert.Equal("Newest", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("The newest body.", page.QuerySelector("main > article")?.TextContent, StringComparison.Ordinal);
        var listed = page.QuerySelectorAll("#more-articles ~ article").ToList();
        Assert.Equal(["Middle", "Old news"], listed.Select(item => item.QuerySelector("h3")?.TextContent));
        Assert.Equal(["/articles/middle", "/articles/old"], listed.Select(item => item.QuerySelector("a")?.GetAttribute("href")));
        Assert.Equal(
            ["2 November 2025 · 1 min read", "Summary of Middle.", "1 October 2025 · 3 min read", "Summary of Old news."],
            listed.SelectMany(item => item.QuerySelectorAll("p").Select(paragraph => paragraph.TextContent)));
        Assert.StartsWith("Newest\n", await client.GetStringAsync("/article.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lead_true_makes_an_older_article_the_lead_of_the_front_page_and_of_article_txt()
    {
        using var content = new TemporaryContentFolder();
        content.Write("older.md", Article("Older", "2025-10-01", "Older body.", "lead: true\n"));
        content.Write("newer.md", Article("Newer", "2025-11-01", "Newer body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/", Cancel), Cancel);

        Assert.Equal("Older", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(["Newer"], page.QuerySelectorAll("#more-articles ~ article h3").Select(heading => heading.TextContent));
        Assert.StartsWith("Older\n", await client.GetStringAsync("/article.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_one_article_the_home_page_is_that_articles_page()
    {
        using var content = new TemporaryContentFolder();
        content.Write("only.md", Article("Only", "2025-11-01", "The only body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        using var home = await client.GetAsync("/", Cancel);
        using var page = await client.GetAsync("/articles/only", Cancel);

        Assert.Equal(await page.Content.ReadAsByteArrayAsync(Cancel), await home.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(page.Headers.ETag, home.Headers.ETag);
    }

    [Fact]
    public async Task Two_files_claiming_one_slug_are_reported_with_both_file_names_and_the_first_is_served()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("First claim", "2025-11-01", "First body.", "slug: shared\n"));
        content.Write("b.md", Article("Second claim", "2025-11-02", "Second body.", "slug: shared\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);

        Assert.Equal("Degraded", health.Status);
        Assert.Equal([("b.md", "slug 'shared' is already used by a.md")], health.Problems);
        Assert.StartsWith("First claim\n", await client.GetStringAsync("/articles/shared.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_front_page_lists_the_newest_fifty_others_and_links_to_the_archive_whose_first_page_lists_the_newest_fifty()
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 60; day++)
            content.Write($"day-{day}.md", Article($"Day {day}", $"2025-10-{day % 30 + 1:00}", $"Body {day}.", $"slug: day-{day}\n"));
        content.Write("lead.md", Article("Lead", "2025-12-01", "Lead body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var parser = new HtmlParser();

        var front = await parser.ParseDocumentAsync(await client.GetStringAsync("/", Cancel), Cancel);
        using var archiveResponse = await client.GetAsync("/articles/", Cancel);
        var archive = await parser.ParseDocumentAsync(await archiveResponse.Content.ReadAsStringAsync(Cancel), Cancel);

        var frontList = front.QuerySelectorAll("#more-articles ~ article h3").Select(heading => heading.TextContent).ToList();
        var archiveList = archive.QuerySelectorAll("#all-articles ~ article h2").Select(heading => heading.TextContent).ToList();
        Assert.Equal(50, archiveList.Count);
        Assert.Equal("Lead", archiveList[0]);
        Assert.Equal(50, frontList.Count);
        Assert.Equal(archiveList.Skip(1), frontList.Take(49));
        Assert.Equal("All 61 articles", front.QuerySelector(".all-articles a[href='/articles/']")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, archiveResponse.StatusCode);
        Assert.Equal("text/html; charset=utf-8", archiveResponse.Content.Headers.ContentType?.ToString());
        Assert.Equal("All articles", archive.QuerySelector("h1")?.TextContent);
        Assert.Equal("http://" + client.BaseAddress!.Authority + "/articles/", archive.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }
}
