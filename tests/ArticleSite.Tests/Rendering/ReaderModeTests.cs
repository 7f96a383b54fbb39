using System.Text.Json;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Firefox's reader mode (Mozilla's Readability, run inside Chromium) finds the article and only the article.</summary>
public sealed class ReaderModeTests(ArticleSiteFactory site, ChromiumBrowser chromium) : IClassFixture<ArticleSiteFactory>, IClassFixture<ChromiumBrowser>
{
    private const string Headline = "Lee urges Xi to help revive talks with North Korea at Gyeongju summit";

    [Fact]
    public async Task Readability_extracts_the_headline_standfirst_every_paragraph_and_heading_and_nothing_else()
    {
        var readability = ExternalTools.Readability;
        // The page's CSP rightly refuses an injected script; the test bypasses it to run Readability in the page.
        var page = await chromium.OpenAsync(1280, 900, bypassCsp: true);
        await page.GotoAsync(new Uri(site.CreateClient().BaseAddress!, "/").AbsoluteUri);
        await page.AddScriptTagAsync(new() { Path = readability });

        var article = await page.EvaluateAsync<JsonElement>(
            "() => { const a = new Readability(document.cloneNode(true)).parse(); return { title: a.title, byline: a.byline, content: a.content }; }");

        Assert.Equal(Headline, article.GetProperty("title").GetString());
        // The JSON-LD author; Readability then keeps the date line as the article's first line, as reader views show it.
        Assert.Equal("thefoxdaily.com", article.GetProperty("byline").GetString());
        var content = new HtmlParser().ParseDocument(article.GetProperty("content").GetString()!);
        var summary = "At their summit in Gyeongju, South Korean President Lee Jae Myung asked Chinese President Xi Jinping to help restart diplomacy with North Korea, and both leaders agreed to work together on regional stability, trade and peace.";
        var dateLine = "1 November 2025 · 4 min read · Source: thefoxdaily.com, Latest World";
        Assert.Equal([summary, dateLine, .. SourceArticle.ArticleLines],
            content.QuerySelectorAll("p, h2, h3").Select(block => block.TextContent.Trim()).Where(text => text.Length > 0));
        var text = content.Body!.TextContent;
        Assert.DoesNotContain("In this article", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Skip to the article", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reported by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("plain text", text, StringComparison.Ordinal);
    }
}
