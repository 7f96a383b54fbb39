using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>What machines read from the page: canonical URL, Open Graph, Twitter card, JSON-LD, alternates — checked against the front matter.</summary>
public sealed class PageMetadataTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    /// <summary>The article\'s own URL: "/" shows the same page while it is the only article, and names this one as canonical.</summary>
    private const string ArticlePath = "/articles/lee-xi-gyeongju-summit";

    private const string Headline = "Lee urges Xi to help revive talks with North Korea at Gyeongju summit";

    private const string Summary = "At their summit in Gyeongju, South Korean President Lee Jae Myung asked Chinese President Xi Jinping to help restart diplomacy with North Korea, and both leaders agreed to work together on regional stability, trade and peace.";

    /// <summary>The words of the reporter's headings and paragraphs: 746.</summary>
    private static int SourceWordCount =>
        SourceArticle.ArticleLines.Sum(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    private async Task<(Uri Origin, IDocument Page)> GetPageAsync()
    {
        var client = site.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        return (client.BaseAddress!, new HtmlParser().ParseDocument(html));
    }

    private static string? Meta(IDocument page, string key) =>
        page.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");

    [Fact]
    public async Task Canonical_and_og_url_are_the_articles_permanent_absolute_url_on_the_requested_origin()
    {
        var (origin, page) = await GetPageAsync();

        var expected = new Uri(origin, ArticlePath).AbsoluteUri;
        Assert.StartsWith("http://127.0.0.1:", expected, StringComparison.Ordinal);
        Assert.Equal(expected, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(expected, Meta(page, "og:url"));
    }

    [Fact]
    public async Task Open_Graph_and_Twitter_card_describe_the_article_from_its_front_matter()
    {
        var (_, page) = await GetPageAsync();

        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal(Headline, Meta(page, "og:title"));
        Assert.Equal(Summary, Meta(page, "og:description"));
        Assert.Equal("ArticleSite", Meta(page, "og:site_name"));
        Assert.Equal("2025-11-01", Meta(page, "article:published_time"));
        Assert.Equal("Latest World", Meta(page, "article:section"));
        Assert.Equal("summary", Meta(page, "twitter:card"));
        Assert.Equal(Headline, Meta(page, "twitter:title"));
        Assert.Equal(Summary, Meta(page, "twitter:description"));
    }

    [Fact]
    public async Task JSON_LD_is_a_NewsArticle_matching_the_front_matter_with_the_source_as_author_and_publisher()
    {
        var (origin, page) = await GetPageAsync();

        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var article = json.RootElement;
        string? Text(string name) => article.GetProperty(name).GetString();

        Assert.Equal("https://schema.org", Text("@context"));
        Assert.Equal("NewsArticle", Text("@type"));
        Assert.Equal(Headline, Text("headline"));
        Assert.Equal(Summary, Text("description"));
        Assert.Equal("2025-11-01", Text("datePublished"));
        Assert.True(DateTimeOffset.TryParse(Text("dateModified"), out _));
        Assert.Equal(new Uri(origin, ArticlePath).AbsoluteUri, Text("mainEntityOfPage"));
        Assert.Equal("en", Text("inLanguage"));
        Assert.Equal("Latest World", Text("articleSection"));
        Assert.Equal(SourceWordCount, article.GetProperty("wordCount").GetInt32());
        // The front matter names no author: the source is the author, the only one.
        foreach (var organization in new[] { Assert.Single(article.GetProperty("author").EnumerateArray()), article.GetProperty("publisher") })
        {
            Assert.Equal("Organization", organization.GetProperty("@type").GetString());
            Assert.Equal("thefoxdaily.com", organization.GetProperty("name").GetString());
            Assert.Equal("https://thefoxdaily.com/", organization.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task Alternate_links_name_the_articles_own_text_Markdown_JSON_and_the_Atom_feed()
    {
        var (_, page) = await GetPageAsync();

        var alternates = page.QuerySelectorAll("link[rel=alternate]").Select(link => (link.GetAttribute("type"), link.GetAttribute("href")));
        Assert.Equal(
            [("text/plain", ArticlePath + ".txt"), ("text/markdown", ArticlePath + ".md"), ("application/json", ArticlePath + ".json"), ("application/atom+xml", "/feed.atom")],
            alternates);
    }

    [Fact]
    public async Task Table_of_contents_lists_the_five_sections_by_their_heading_ids()
    {
        var (_, page) = await GetPageAsync();

        var links = page.QuerySelectorAll("nav.section-menu a");
        var headings = page.QuerySelectorAll("article h2");
        Assert.Equal(SourceArticle.Headings, links.Select(link => link.TextContent));
        Assert.Equal(headings.Select(heading => $"#{heading.Id}"), links.Select(link => link.GetAttribute("href")));
    }

    [Fact]
    public async Task Each_section_heading_links_to_itself()
    {
        var (_, page) = await GetPageAsync();

        Assert.All(page.QuerySelectorAll("article h2"), heading =>
        {
            var link = Assert.Single(heading.Children);
            Assert.Equal($"#{heading.Id}", link.GetAttribute("href"));
            Assert.Equal(heading.TextContent, link.TextContent);
        });
    }

    [Fact]
    public async Task Byline_gives_the_reading_time_of_746_words_at_230_a_minute()
    {
        var (_, page) = await GetPageAsync();

        Assert.Equal(746, SourceWordCount);
        Assert.Equal("4 min read", page.QuerySelector("header .reading-time")?.TextContent);
    }

    [Fact]
    public async Task Page_has_landmarks_a_skip_link_to_main_and_a_footer_crediting_the_source()
    {
        var (origin, page) = await GetPageAsync();

        var skip = page.Body!.FirstElementChild;
        Assert.Equal("#main", skip?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("body > header"));
        Assert.NotNull(page.QuerySelector("main#main > article > nav"));
        var footer = page.QuerySelector("body > footer");
        Assert.Contains("Reported by thefoxdaily.com, Latest World.", footer?.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://thefoxdaily.com/", footer?.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(new Uri(origin, ArticlePath).AbsoluteUri, footer?.QuerySelector(".permalink")?.TextContent);
    }
}
