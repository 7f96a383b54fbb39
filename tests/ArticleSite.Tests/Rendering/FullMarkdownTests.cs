using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Every kind of block a news article carries (lists, quotations, a table, footnotes, code, a figure, a task list, a
/// rule), published faithfully on the page, in the plain text and in the JSON: Fixtures/kitchen-sink/index.md.
/// </summary>
public sealed class FullMarkdownTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>"sanitize": the article's raw HTML sends the whole body through the sanitizer; "omit": the body is Markdig's alone.</summary>
    public static TheoryData<string> Modes => ["sanitize", "omit"];

    private static async Task<IDocument> PageAsync(KitchenSinkSite site) =>
        new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync(KitchenSinkSite.PagePath, Cancel));

    private static string[] Texts(IDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(element => element.TextContent.Trim())];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_pipe_table_is_a_table_with_its_header_and_each_columns_alignment_in_a_scrolling_box(string mode)
    {
        await using var site = new KitchenSinkSite { RawHtml = mode };
        var page = await PageAsync(site);

        var box = Assert.Single(page.QuerySelectorAll("article div.table"));
        Assert.Equal(("region", "0", "Table"), (box.GetAttribute("role"), box.GetAttribute("tabindex"), box.GetAttribute("aria-label")));
        Assert.Equal(["Country", "Exports (bn USD)", "Change"], Texts(page, "article table thead th"));
        Assert.Equal(["Korea", "632.4", "+8.2%", "Japan", "717.3", "-2.6%", "China", "3,380.0", "+4.6%"], Texts(page, "article table tbody td"));
        Assert.Equal(["align-left", "align-right", "align-center"], page.QuerySelectorAll("article table thead th").Select(cell => cell.ClassName));
        Assert.Equal("align-right", page.QuerySelectorAll("article table tbody td")[4].ClassName);
        Assert.Empty(page.QuerySelectorAll("article [style]"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Footnotes_are_numbered_and_linked_both_ways_and_listed_at_the_end(string mode)
    {
        await using var site = new KitchenSinkSite { RawHtml = mode };
        var page = await PageAsync(site);

        var references = page.QuerySelectorAll("article a.footnote-ref");
        Assert.Equal(["1", "2"], references.Select(reference => reference.TextContent));
        Assert.Equal(["#fn:1", "#fn:2"], references.Select(reference => reference.GetAttribute("href")));
        var notes = page.QuerySelectorAll("article .footnotes li");
        Assert.Equal(["fn:1", "fn:2"], notes.Select(note => note.Id));
        Assert.Equal(["The talks began on Sunday afternoon.↩", "Corrections go to the newsroom.↩"], notes.Select(note => note.TextContent.Trim()));
        Assert.Equal(references.Select(reference => "#" + reference.Id), page.QuerySelectorAll("article .footnote-back-ref").Select(back => back.GetAttribute("href")));
        var article = page.QuerySelector("article")!.Children;
        Assert.Same(article[article.Length - 1], page.QuerySelector("article .footnotes"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_image_alone_in_its_paragraph_is_a_figure_captioned_by_its_title(string mode)
    {
        await using var site = new KitchenSinkSite { RawHtml = mode };
        var page = await PageAsync(site);

        var figure = Assert.Single(page.QuerySelectorAll("article figure"));
        var image = Assert.Single(figure.QuerySelectorAll("img"));
        Assert.Equal("Ministers shake hands at the end of the talks", image.GetAttribute("alt"));
        Assert.Equal((KitchenSinkSite.PhotoUrl, "2400", "1600"), (image.GetAttribute("src"), image.GetAttribute("width"), image.GetAttribute("height")));
        Assert.Null(image.GetAttribute("title"));
        Assert.Equal("Ministers shake hands in Busan on Monday. Photo: Pool", figure.QuerySelector("figcaption")?.TextContent);
        Assert.Null(figure.ParentElement!.Closest("p"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_png_and_an_svg_within_a_paragraph_are_served_as_pictures_sized_as_shown(string mode)
    {
        await using var site = new KitchenSinkSite { RawHtml = mode };
        var page = await PageAsync(site);

        Assert.Equal(
            [
                (TestPictures.MediaUrl(KitchenSinkSite.Chart, "exports.png"), "Bar chart of exports by Korea, Japan and China", "640", "360"),
                (TestPictures.MediaUrl(KitchenSinkSite.Emblem, "emblem.svg"), "The trade office's emblem", "200", "100"),
            ],
            page.QuerySelectorAll("article p img").Select(image => (image.GetAttribute("src"), image.GetAttribute("alt"), image.GetAttribute("width"), image.GetAttribute("height"))));
        Assert.Empty(page.QuerySelectorAll("svg, article object, article embed, article iframe"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Lists_nest_quotations_nest_and_strikethrough_task_lists_and_bare_urls_render(string mode)
    {
        await using var site = new KitchenSinkSite { RawHtml = mode };
        var page = await PageAsync(site);

        Assert.Equal(["from 1 January", "for two years"], Texts(page, "article > ul > li > ul > li"));
        Assert.Equal(["Talks resume in March", "A panel checks the figures", "Leaders meet in the autumn"], Texts(page, "article > ol > li"));
        Assert.Equal("It is a beginning, not an end.", page.QuerySelector("article blockquote blockquote p")?.TextContent);
        Assert.Equal("Seoul", page.QuerySelector("article del")?.TextContent);
        Assert.Equal(["☑ Sign the joint statement", "☐ Publish the tariff schedules"], Texts(page, "article ul.contains-task-list > li"));
        Assert.Empty(page.QuerySelectorAll("article input, article button, article select, article textarea"));
        var longUrl = "https://trade.example.org/agreements/2025/busan-truce/schedules/annex-1-tariff-lines-by-product-code-and-partner-country.html";
        Assert.Contains(page.QuerySelectorAll("article a"), link => link.GetAttribute("href") == longUrl && link.TextContent == longUrl);
        Assert.Equal("language-python", page.QuerySelector("article pre > code")?.ClassName);
        Assert.Single(page.QuerySelectorAll("article > hr"));
    }

    [Fact]
    public async Task Each_articles_page_links_its_own_text_Markdown_and_JSON()
    {
        await using var site = new KitchenSinkSite();
        var page = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/articles/lee-xi-gyeongju-summit", Cancel));

        Assert.Equal(
            ["/articles/lee-xi-gyeongju-summit.txt", "/articles/lee-xi-gyeongju-summit.md", "/articles/lee-xi-gyeongju-summit.json"],
            page.QuerySelectorAll("link[rel=alternate]:not([type='application/atom+xml'])").Select(link => link.GetAttribute("href")));
        Assert.Equal("/articles/lee-xi-gyeongju-summit.txt", page.QuerySelectorAll(".site-footer a").Single(link => link.TextContent == "Read as plain text").GetAttribute("href"));
    }

    [Fact]
    public async Task Plain_text_writes_each_block_as_a_person_would_type_it_in_an_email()
    {
        await using var site = new KitchenSinkSite();
        var text = await site.CreateClient().GetStringAsync(KitchenSinkSite.PagePath + ".txt", Cancel);

        var blocks = text.TrimEnd('\n').Split("\n\n");
        Assert.Contains("Ministers from the region agreed on a truce early on Monday[1], after talks that ran through the night in Seoul Busan.", blocks);
        Assert.Contains("""
            - Tariffs on steel stay where they are
            - Duties on chips fall by half
              - from 1 January
              - for two years
            - A review in June
            """, blocks);
        Assert.Contains("""
            1. Talks resume in March
            2. A panel checks the figures
            3. Leaders meet in the autumn
            """, blocks);
        Assert.Contains("""
            > We have a deal that protects jobs on both sides.
            >
            > > It is a beginning, not an end.
            """, blocks);
        Assert.Contains("""
            Country  Exports (bn USD)  Change
            -------  ----------------  ------
            Korea               632.4  +8.2%
            Japan               717.3  -2.6%
            China             3,380.0  +4.6%
            """, blocks);
        Assert.Contains("[Image: Ministers shake hands at the end of the talks — Ministers shake hands in Busan on Monday. Photo: Pool]", blocks);
        Assert.Contains("- [x] Sign the joint statement\n- [ ] Publish the tariff schedules", blocks);
        Assert.Contains("and summarised on the ministry's site (https://trade.example.org/news).", text, StringComparison.Ordinal);
        Assert.Contains("posted at https://trade.example.org/agreements/2025/busan-truce/schedules/annex-1-tariff-lines-by-product-code-and-partner-country.html once signed", text, StringComparison.Ordinal);
        Assert.Contains("    def tariff(value, rate):\n        return round(value * rate, 2)", blocks);
        Assert.Equal(["[1] The talks began on Sunday afternoon.", "[2] Corrections go to the newsroom."], blocks[^2..]);
        Assert.Contains("The WTO welcomed the truce. Reporting by Kim Min-ji; editing by the desk[2].", blocks);
    }

    [Fact]
    public async Task Json_describes_the_body_as_typed_blocks_of_plain_text()
    {
        await using var site = new KitchenSinkSite();
        using var json = JsonDocument.Parse(await site.CreateClient().GetStringAsync(KitchenSinkSite.PagePath + ".json", Cancel));
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();

        Assert.Equal(
            ["paragraph", "heading", "list", "list", "quote", "heading", "table", "figure", "heading", "list", "paragraph", "code", "paragraph", "rule", "paragraph", "footnotes"],
            blocks.Select(block => block.GetProperty("type").GetString()));
        Assert.Equal("Ministers from the region agreed on a truce early on Monday[1], after talks that ran through the night in Seoul Busan.", blocks[0].GetProperty("text").GetString());
        Assert.Equal((2, "What was agreed"), (blocks[1].GetProperty("level").GetInt32(), blocks[1].GetProperty("text").GetString()));
        var nested = blocks[2].GetProperty("items")[1].GetProperty("blocks")[1];
        Assert.Equal(["from 1 January", "for two years"], nested.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("blocks")[0].GetProperty("text").GetString()));
        Assert.Equal((true, 1), (blocks[3].GetProperty("ordered").GetBoolean(), blocks[3].GetProperty("start").GetInt32()));
        Assert.Equal("It is a beginning, not an end.", blocks[4].GetProperty("blocks")[1].GetProperty("blocks")[0].GetProperty("text").GetString());
        var table = blocks[6];
        Assert.Equal(["left", "right", "center"], table.GetProperty("align").EnumerateArray().Select(align => align.GetString()));
        Assert.Equal(["Country", "Exports (bn USD)", "Change"], table.GetProperty("header").EnumerateArray().Select(cell => cell.GetString()));
        Assert.Equal(["China", "3,380.0", "+4.6%"], table.GetProperty("rows")[2].EnumerateArray().Select(cell => cell.GetString()));
        var figure = blocks[7];
        Assert.Equal((KitchenSinkSite.PhotoUrl, "Ministers shake hands at the end of the talks", "Ministers shake hands in Busan on Monday. Photo: Pool", 2400, 1600),
            (figure.GetProperty("src").GetString(), figure.GetProperty("alt").GetString(), figure.GetProperty("caption").GetString(), figure.GetProperty("width").GetInt32(), figure.GetProperty("height").GetInt32()));
        Assert.Equal([true, false], blocks[9].GetProperty("items").EnumerateArray().Select(item => item.GetProperty("checked").GetBoolean()));
        Assert.Equal("the ministry's site.", blocks[10].GetProperty("text").GetString()![^20..]);
        Assert.Equal(("python", "def tariff(value, rate):\n    return round(value * rate, 2)"), (blocks[11].GetProperty("language").GetString(), blocks[11].GetProperty("text").GetString()));
        Assert.Equal("The trade office sent its chart and emblem with the statement: Bar chart of exports by Korea, Japan and China The trade office's emblem", blocks[12].GetProperty("text").GetString());
        Assert.Equal([1, 2], blocks[15].GetProperty("notes").EnumerateArray().Select(note => note.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Word_count_counts_list_items_quotations_table_cells_and_captions_but_not_code()
    {
        using var content = new TemporaryContentFolder();
        content.Write("count.md", TemporaryContentFolder.Article("Counting", "2025-11-01", """
            - one two
            - three

            > four
            > five

            | six | seven |
            |-----|-------|
            | eight | nine |

            ![not read](picture.png "ten eleven")

            ```
            code is not counted
            ```

            Twelve[^n].

            [^n]: Thirteen.
            """));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        using var json = JsonDocument.Parse(await site.CreateClient().GetStringAsync("/article.json", Cancel));

        Assert.Equal(13, json.RootElement.GetProperty("wordCount").GetInt32());
    }

    [Fact]
    public async Task The_feed_carries_the_full_body_with_every_url_absolute()
    {
        await using var site = new KitchenSinkSite();
        var client = site.CreateClient();
        var feed = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/feed.atom", Cancel));
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";

        var entry = feed.Root!.Elements(atom + "entry").Single(entry => entry.Element(atom + "id")!.Value.EndsWith(KitchenSinkSite.PagePath, StringComparison.Ordinal));
        var body = new HtmlParser().ParseDocument(entry.Element(atom + "content")!.Value);
        var page = new Uri(client.BaseAddress!, KitchenSinkSite.PagePath).AbsoluteUri;
        Assert.StartsWith(client.BaseAddress!.AbsoluteUri, body.QuerySelector("figure img")?.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(page + "#fn:1", body.QuerySelector("a.footnote-ref")?.GetAttribute("href"));
        Assert.NotNull(body.QuerySelector("table"));
        Assert.Equal("Ministers shake hands in Busan on Monday. Photo: Pool", body.QuerySelector("figcaption")?.TextContent);
    }
}
