using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>/article.txt, as curl and scripts read it.</summary>
public sealed class PlainTextTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private Task<string> GetTextAsync() => site.CreateClient().GetStringAsync("/article.txt", TestContext.Current.CancellationToken);

    [Fact]
    public async Task Text_endpoint_keeps_every_paragraph_verbatim_on_a_line_of_its_own()
    {
        var lines = (await GetTextAsync()).Split('\n');

        Assert.All(SourceArticle.Paragraphs, paragraph => Assert.Contains(paragraph, lines));
    }

    [Fact]
    public async Task Text_opens_with_headline_summary_date_and_credit_then_the_article_in_source_order()
    {
        var text = await GetTextAsync();

        var blocks = text.TrimEnd('\n').Split("\n\n");
        Assert.Equal("Lee urges Xi to help revive talks with North Korea at Gyeongju summit", blocks[0]);
        Assert.StartsWith("At their summit in Gyeongju", blocks[1], StringComparison.Ordinal);
        Assert.Equal("1 November 2025 · Source: thefoxdaily.com, Latest World", blocks[2]);
        Assert.Equal(SourceArticle.ArticleLines, blocks[3..]);
        Assert.EndsWith(".\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_has_no_tags_markdown_markers_or_source_site_chrome()
    {
        var text = await GetTextAsync();

        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain("##", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("---", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceArticle.CommentCounter, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceArticle.PromoLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quotations_reach_the_text_intact()
    {
        var text = await GetTextAsync();

        Assert.All(SourceArticle.Quotations, quotation => Assert.Contains(quotation, text, StringComparison.Ordinal));
    }
}
