using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>What feed readers, crawlers and scripts fetch: the Markdown and JSON forms, the feed, sitemap, robots.txt, llms.txt, icons, OpenAPI.</summary>
public sealed class CrawlerFileTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Origin => site.CreateClient().BaseAddress!.GetLeftPart(UriPartial.Authority);

    /// <summary>The article's permanent URL, which "/" names as canonical while it is the only article.</summary>
    private string ArticleUrl => $"{Origin}/articles/lee-xi-gyeongju-summit";

    private async Task<string> GetTextAsync(string path) => await site.CreateRawClient().GetStringAsync(path, Cancel);

    [Fact]
    public async Task The_Markdown_form_is_the_content_file_as_published()
    {
        var file = await File.ReadAllTextAsync(Directory.GetFiles(site.ContentFolder, "*.md").Single(), Cancel);

        Assert.Equal(file, await GetTextAsync("/article.md"));
    }

    [Fact]
    public async Task The_JSON_form_has_the_metadata_and_every_section_as_plain_text()
    {
        using var json = JsonDocument.Parse(await GetTextAsync("/article.json"));
        var root = json.RootElement;

        Assert.Equal("Lee urges Xi to help revive talks with North Korea at Gyeongju summit", root.GetProperty("title").GetString());
        Assert.Equal("2025-11-01", root.GetProperty("date").GetString());
        Assert.Equal("thefoxdaily.com", root.GetProperty("source").GetString());
        Assert.Equal("Latest World", root.GetProperty("section").GetString());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal(ArticleUrl, root.GetProperty("canonicalUrl").GetString());
        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal([null, .. SourceArticle.Headings], sections.Select(section => section.GetProperty("heading").GetString()));
        var paragraphs = sections.SelectMany(section => section.GetProperty("paragraphs").EnumerateArray()).Select(p => p.GetString()!).ToList();
        Assert.Contains(SourceArticle.Quotations[0], paragraphs[3], StringComparison.Ordinal);
        var words = sections.Sum(s => (s.GetProperty("heading").GetString()?.Split(' ').Length ?? 0) + s.GetProperty("paragraphs").EnumerateArray().Sum(p => p.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(words, root.GetProperty("wordCount").GetInt32());
        Assert.Equal((int)Math.Ceiling(words / 230.0), root.GetProperty("readingTimeMinutes").GetInt32());
    }

    [Fact]
    public async Task The_Atom_feed_parses_and_its_entry_is_the_article_in_full()
    {
        using var response = await site.CreateRawClient().GetAsync("/feed.atom", Cancel);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).Root!;
        var page = await GetTextAsync("/");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal($"{Origin}/feed.atom", feed.Elements(Atom + "link").Single(link => (string?)link.Attribute("rel") == "self").Attribute("href")?.Value);
        var entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Equal("Lee urges Xi to help revive talks with North Korea at Gyeongju summit", entry.Element(Atom + "title")?.Value);
        Assert.Equal(ArticleUrl, entry.Element(Atom + "id")?.Value);
        Assert.StartsWith("2025-11-01", entry.Element(Atom + "published")?.Value, StringComparison.Ordinal);
        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", content.Attribute("type")?.Value);
        // The full body: every paragraph and heading of the page's article, each link absolute, as a reader away from the site needs it.
        var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(content.Value);
        Assert.Equal(SourceArticle.ArticleLines, body.QuerySelectorAll("p, h2").Select(block => block.TextContent.Trim()));
        Assert.All(body.QuerySelectorAll("a"), link => Assert.StartsWith(ArticleUrl + "#", link.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains(body.QuerySelector("h2")!.OuterHtml.Replace(ArticleUrl, "", StringComparison.Ordinal), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sitemap_is_an_index_of_one_child_which_lists_the_articles_canonical_url_with_a_date()
    {
        var index = XDocument.Parse(await GetTextAsync("/sitemap.xml")).Root!;
        var sitemap = XDocument.Parse(await GetTextAsync("/sitemaps/1.xml")).Root!;

        Assert.Equal(Sitemaps + "sitemapindex", index.Name);
        var child = Assert.Single(index.Elements(Sitemaps + "sitemap"));
        Assert.Equal($"{Origin}/sitemaps/1.xml", child.Element(Sitemaps + "loc")?.Value);
        Assert.Equal(Sitemaps + "urlset", sitemap.Name);
        var url = Assert.Single(sitemap.Elements(Sitemaps + "url"));
        Assert.Equal(url.Element(Sitemaps + "lastmod")?.Value, child.Element(Sitemaps + "lastmod")?.Value);
        Assert.Equal(ArticleUrl, url.Element(Sitemaps + "loc")?.Value);
        Assert.True(DateTimeOffset.TryParse(url.Element(Sitemaps + "lastmod")?.Value, CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Robots_txt_allows_everything_and_points_to_the_absolute_sitemap_URL()
    {
        Assert.Equal($"User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: {Origin}/sitemap.xml\n", await GetTextAsync("/robots.txt"));
    }

    [Fact]
    public async Task Llms_txt_names_the_site_summarises_it_and_links_to_the_Markdown()
    {
        var lines = (await GetTextAsync("/llms.txt")).Split('\n');

        Assert.Equal("# ArticleSite", lines[0]);
        Assert.StartsWith("> At their summit in Gyeongju", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith($"- [Lee urges Xi to help revive talks with North Korea at Gyeongju summit]({ArticleUrl}.md)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_favicon_is_a_real_ICO_and_the_page_links_the_SVG_icon()
    {
        var client = site.CreateRawClient();
        using var ico = await client.GetAsync("/favicon.ico", Cancel);
        using var svg = await client.GetAsync("/icon.svg", Cancel);
        var bytes = await ico.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0 }, bytes[..6]); // ICONDIR: reserved, type 1 (icon), one image
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("svg", XDocument.Parse(await svg.Content.ReadAsStringAsync(Cancel)).Root!.Name.LocalName);
        Assert.Contains("<link rel=\"icon\" href=\"/icon.svg\" type=\"image/svg+xml\">", await GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_JSON_shape()
    {
        using var response = await site.CreateRawClient().GetAsync("/openapi/v1.json", Cancel);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ArticleJson").GetProperty("properties");
        Assert.Equal(
            ["title", "summary", "date", "source", "section", "language", "updated", "authors", "tags", "wordCount", "readingTimeMinutes", "canonicalUrl", "sections", "blocks"],
            schema.EnumerateObject().Select(property => property.Name));
        Assert.Equal("integer", schema.GetProperty("wordCount").GetProperty("type").GetString());
        var block = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ArticleBlock");
        Assert.Equal("type", block.GetProperty("discriminator").GetProperty("propertyName").GetString());
        Assert.Equal(["heading", "paragraph", "list", "quote", "note", "code", "table", "figure", "footnotes", "rule"],
            block.GetProperty("discriminator").GetProperty("mapping").EnumerateObject().Select(type => type.Name));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/article.json", out _));
    }
}
