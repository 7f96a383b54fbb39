using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>The article page, read as a browser reads it.</summary>
public sealed class ArticlePageTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private const string Headline = "Lee urges Xi to help revive talks with North Korea at Gyeongju summit";

    private async Task<(string Html, IDocument Document)> GetPageAsync()
    {
        var html = await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);
        return (html, new HtmlParser().ParseDocument(html));
    }

    [Fact]
    public async Task Title_and_h1_carry_the_headline()
    {
        var (_, page) = await GetPageAsync();

        Assert.Equal(Headline, page.Title);
        Assert.Equal(Headline, Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        Assert.NotNull(page.QuerySelector("main > article > header > h1"));
    }

    [Fact]
    public async Task Page_is_an_english_html5_document_with_viewport_and_description()
    {
        var (html, page) = await GetPageAsync();

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
        var description = page.QuerySelector("meta[name=description]")?.GetAttribute("content");
        Assert.Equal(page.QuerySelector("header .summary")?.TextContent, description);
        Assert.Contains("Lee Jae Myung", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_gives_summary_date_and_credit_but_not_the_source_sites_chrome()
    {
        var (html, page) = await GetPageAsync();

        var time = page.QuerySelector("header time");
        Assert.Equal("2025-11-01", time?.GetAttribute("datetime"));
        Assert.Equal("1 November 2025", time?.TextContent);
        Assert.Equal("Source: thefoxdaily.com, Latest World", page.QuerySelector("header .credit")?.TextContent);
        Assert.DoesNotContain("COMMENTS", html, StringComparison.Ordinal);
        Assert.DoesNotContain("For breaking news", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_headings_are_the_sources_five_headings_in_order_each_with_an_id()
    {
        var (_, page) = await GetPageAsync();

        var headings = page.QuerySelectorAll("article h2");
        Assert.Equal(SourceArticle.Headings, headings.Select(heading => heading.TextContent));
        Assert.All(headings, heading => Assert.Matches("^[a-z0-9-]+$", heading.Id ?? ""));
        Assert.Equal("looking-ahead", headings[^1].Id);
    }

    [Fact]
    public async Task Every_source_paragraph_is_the_exact_text_of_one_p_in_order()
    {
        var (_, page) = await GetPageAsync();

        var bodyParagraphs = page.QuerySelectorAll("article > p").Select(p => p.TextContent).ToList();
        Assert.Equal(18, SourceArticle.Paragraphs.Count);
        Assert.Equal(SourceArticle.Paragraphs, bodyParagraphs);
    }

    [Fact]
    public async Task Sections_follow_the_source_order_of_headings_and_paragraphs()
    {
        var (_, page) = await GetPageAsync();

        var blocks = page.QuerySelectorAll("article > h2, article > p").Select(block => block.TextContent);
        Assert.Equal(SourceArticle.ArticleLines, blocks);
    }

    [Fact]
    public async Task Quotations_reach_the_page_intact_without_double_escaping_or_mojibake()
    {
        var (html, page) = await GetPageAsync();

        var text = page.QuerySelector("article")!.TextContent;
        Assert.All(SourceArticle.Quotations, quotation => Assert.Contains(quotation, text, StringComparison.Ordinal));
        Assert.Contains("“I am encouraged", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;#", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x201", html, StringComparison.Ordinal);
        Assert.DoesNotContain("â€", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', html);
    }

    [Fact]
    public async Task Page_runs_no_script_and_requests_nothing_from_elsewhere()
    {
        var (_, page) = await GetPageAsync();

        // JSON-LD is data for machines, never run.
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));
        Assert.Empty(page.QuerySelectorAll("link[rel=stylesheet], img, iframe"));
        Assert.NotEmpty(page.QuerySelector("head > style")!.TextContent);
    }
}
