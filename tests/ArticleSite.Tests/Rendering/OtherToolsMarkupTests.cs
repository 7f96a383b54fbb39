using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// What other tools' Markdown carries beyond CommonMark — attribute lists, markdown-it containers, GitHub alerts, Hugo
/// shortcodes, Liquid tags — is published as the content it stands for, never as the syntax a writer typed, and a
/// call the site does not understand is reported with its file, line and name. The V8 posts are Fixtures/v8-dev
/// (excerpts of V8's blog, Apache-2.0); the rest is written here in the shapes of Hugo's and Jekyll's folders.
/// </summary>
public sealed class OtherToolsMarkupTests(OtherToolsMarkupTests.Site site) : IClassFixture<OtherToolsMarkupTests.Site>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The picture beside the Hugo post, which its figure shortcode shows.</summary>
    private static readonly byte[] Photo = TestPictures.Png(320, 200);

    public sealed class Site : ArticleSiteFactory
    {
        public Site() => ContentFolder = Folder.Path;

        public TemporaryContentFolder Folder { get; } = Write();

        private static TemporaryContentFolder Write()
        {
            var folder = new TemporaryContentFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "v8-dev"), "*.md"))
                File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
            folder.WriteBytes("photo.png", Photo);
            foreach (var (name, text) in Articles)
                folder.Write(name, text);
            return folder;
        }
    }

    private static readonly (string Name, string Text)[] Articles =
    [
        ("alerts.md", TemporaryContentFolder.Article("Alerts", "2025-03-01", """
            회의 일정.

            > [!NOTE]
            > 회의는 월요일에 열린다.

            > [!WARNING]
            > 일정은 바뀔 수 있다.
            """, "lang: ko\n")),
        ("goldmark-table.md", TemporaryContentFolder.Article("Goldmark table", "2025-03-02", """
            | Tier | Speed |
            | ---- | ----: |
            | Ignition | 1x |
            | Maglev | 8x |
            {.table-striped}

            After the table.
            """)),
        ("attributes.md", TemporaryContentFolder.Article("Attributes", "2025-03-03", """
            ## Introduction {#intro .lead onclick="alert(1)" style="color:red"}

            An object spread is written { ...state, visible: true } and an elided body {...}

            ![A chart](photo.png){ .no-darkening onmouseover=alert(1) }
            """)),
        ("hugo.md", TemporaryContentFolder.Article("Hugo shortcodes", "2025-03-04", """
            Opening words :tada:.

            {{< figure src="photo.png" alt="Two tiers" caption="Ignition and Maglev" >}}

            {{< youtube Scxz6jVS4Ls >}}

            {{< vimeo id="146022717" title="A talk on garbage collection" >}}

            This is the {{% param edition %}} edition; see [the React story]({{< ref "react-cliff.md" >}}).

            {{< highlight go "linenos=table" >}}
            func main() {}
            {{< /highlight >}}

            {{< gist spf13 7896402 >}}

            {{% notice info %}}Inner **words** stay.{{% /notice %}}
            """, "edition: spring\n")),
        ("jekyll.md", TemporaryContentFolder.Article("Liquid tags", "2025-03-05", """
            In [v3.4.0]({% link _posts/2017-01-18-react-cliff.markdown %}) we stopped overriding {% raw %}`{{ site.url }}`{% endraw %} and `{% raw %}{{ page.content }}{% endraw %}`.

            See [the story]({% post_url 2019-08-28-react-cliff %}) and [the logo]({{ "/photo.png" | relative_url }}).

            {% highlight shell %}
            gem install jekyll
            {% endhighlight %}

            {% raw %}
            Write {{ page.title }} in a layout.
            {% endraw %}

            Please [file a bug]({{ site.repository }}/issues/new).

            * Collections moved.

                Links made with {% raw %}`{{ page.url }}`{% endraw %} or to {{ "/docs/" | relative_url }} adapt.

            {% include footer.html %}
            """)),
    ];

    private async Task<IDocument> PageAsync(string slug) =>
        new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync($"/articles/{slug}", Cancel));

    private static string[] Texts(IDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(element => element.TextContent.Trim())];

    private static string ArticleText(IDocument page) =>
        string.Join(' ', page.QuerySelector("article")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static TheoryData<string> Slugs => ["maglev", "react-cliff", "trash-talk", "oilpan-pointer-compression", "alerts", "goldmark-table", "attributes", "hugo", "jekyll"];

    [Theory]
    [MemberData(nameof(Slugs))]
    public async Task No_page_shows_the_syntax_of_another_tool(string slug)
    {
        var text = (await PageAsync(slug)).Body!.TextContent;

        foreach (var syntax in (string[])["{{<", "{{%", "{%", ":::", "[!NOTE]", "[!WARNING]", "{#", "{ #", ":tada:"])
            Assert.DoesNotContain(syntax, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_passes_the_Nu_Html_Checker()
    {
        var pages = new Dictionary<string, byte[]>();
        foreach (var slug in Slugs.Select(row => (string)((ITheoryDataRow)row).GetData()[0]!))
            pages[slug] = await site.CreateClient().GetByteArrayAsync($"/articles/{slug}", Cancel);

        await NuHtmlChecker.AssertValidAsync(pages);
    }

    public static TheoryData<string, string[], string[]> Outlines => new()
    {
        // Sections written with '#' under the front matter's title: each level one down, so '##' stays below '#'.
        { "maglev", ["h2 background Background", "h2 maglev-a-simple-ssa-based-jit-compiler Maglev: A Simple SSA-Based JIT compiler", "h3 prepass Prepass", "h3 ssa SSA", "h2 results Results"],
            ["#background Background", "#maglev-a-simple-ssa-based-jit-compiler Maglev: A Simple SSA-Based JIT compiler", "#results Results"] },
        // Ids written as attribute lists are the anchors, and "In this article" links them, without the braces.
        { "react-cliff", ["h2 javascript-types JavaScript types", "h3 smi-heapnumber-mutableheapnumber Smi vs. HeapNumber vs. MutableHeapNumber", "h2 react The React performance issue", "h2 takeaways Take-aways"],
            ["#javascript-types JavaScript types", "#react The React performance issue", "#takeaways Take-aways"] },
        { "attributes", ["h2 intro Introduction"], ["#intro Introduction"] },
    };

    [Theory]
    [MemberData(nameof(Outlines))]
    public async Task Headings_keep_their_hierarchy_and_ids_and_In_this_article_lists_the_sections_a_reader_sees(string slug, string[] headings, string[] contents)
    {
        var page = await PageAsync(slug);

        Assert.Equal(headings, page.QuerySelectorAll("article :is(h2, h3, h4)").Select(heading => $"{heading.LocalName} {heading.Id} {heading.TextContent.Trim()}"));
        Assert.Equal(contents, page.QuerySelectorAll("nav.section-menu a").Select(link => $"{link.GetAttribute("href")} {link.TextContent}"));
        Assert.Equal(
            page.QuerySelectorAll("article h2").Select(heading => "#" + heading.Id),
            page.QuerySelectorAll("nav.section-menu a").Select(link => link.GetAttribute("href")));
    }

    public static TheoryData<string, string[]> Notes => new()
    {
        // Its text opens with the label: shown once, the author's.
        { "trash-talk", ["Note: If you prefer watching a presentation over reading articles, then enjoy the video below! If not, skip the video and read on."] },
        { "maglev", ["Note All the benchmark scores in this post were measured with Chrome 117.0.5897.3 on a 13” M2 Macbook Air."] },
        // In the article's language.
        { "alerts", ["참고 회의는 월요일에 열린다.", "경고 일정은 바뀔 수 있다."] },
    };

    [Theory]
    [MemberData(nameof(Notes))]
    public async Task A_container_or_alert_is_a_note_labelled_in_the_articles_language(string slug, string[] notes)
    {
        var page = await PageAsync(slug);

        var shown = page.QuerySelectorAll("article div.note[role=note]");
        Assert.Equal(notes, shown.Select(note => string.Join(' ', note.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.All(shown, note => Assert.Equal("STRONG", note.FirstElementChild!.FirstElementChild!.TagName));
        Assert.Empty(page.QuerySelectorAll("article blockquote"));
    }

    [Fact]
    public async Task A_note_in_the_text_and_the_json_carries_its_label_in_the_articles_language()
    {
        var client = site.CreateClient();

        var text = await client.GetStringAsync("/articles/alerts.txt", Cancel);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/articles/alerts.json", Cancel));

        Assert.EndsWith("\n\n회의 일정.\n\n> [참고]\n>\n> 회의는 월요일에 열린다.\n\n> [경고]\n>\n> 일정은 바뀔 수 있다.\n", text, StringComparison.Ordinal);
        Assert.Equal(
            ["note note 참고: paragraph 회의는 월요일에 열린다.", "note warning 경고: paragraph 일정은 바뀔 수 있다."],
            json.RootElement.GetProperty("blocks").EnumerateArray().Skip(1).Select(block =>
                $"{block.GetProperty("type")} {block.GetProperty("kind")} {block.GetProperty("label")}: " + string.Join(", ", block.GetProperty("blocks").EnumerateArray()
                    .Select(inner => $"{inner.GetProperty("type")} {inner.GetProperty("text")}"))));
        var container = await client.GetStringAsync("/articles/maglev.txt", Cancel);
        Assert.Contains("\n\n> [Note]\n>\n> All the benchmark scores in this post were measured with Chrome 117.0.5897.3", container, StringComparison.Ordinal);
        var labelledByItsText = await client.GetStringAsync("/articles/trash-talk.txt", Cancel);
        Assert.Contains("\n\n> Note: If you prefer watching a presentation over reading articles", labelledByItsText, StringComparison.Ordinal);
        Assert.DoesNotContain("[Note]", labelledByItsText, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> Tables => new()
    {
        // Inside :::table-wrapper, with the markdownlint comments around the table.
        { "oilpan-pointer-compression", ["", "upper half", "lower half", "heap pointer", "U1", "L000", "nullptr", "0...0", "0...000"] },
        // Goldmark's attribute line under a table leaves it a table.
        { "goldmark-table", ["Tier", "Speed", "Ignition", "1x", "Maglev", "8x"] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_table_inside_a_container_or_above_an_attribute_line_stays_a_table(string slug, string[] cells)
    {
        var page = await PageAsync(slug);

        Assert.Equal(cells, Texts(page, "article table :is(th, td)"));
        Assert.DoesNotContain("|", page.QuerySelector("article")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_list_keeps_only_its_id_and_braces_that_are_no_list_stay_text()
    {
        var page = await PageAsync("attributes");

        var article = page.QuerySelector("article")!;
        Assert.Empty(article.QuerySelectorAll("[onclick], [onmouseover], [style], .lead, .no-darkening"));
        Assert.Equal("An object spread is written { ...state, visible: true } and an elided body {...}", Texts(page, "article > p")[0]);
        Assert.Equal("A chart", article.QuerySelector("figure img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task Hugo_shortcodes_writers_use_for_content_are_rendered_as_the_content()
    {
        var page = await PageAsync("hugo");

        var article = page.QuerySelector("article")!;
        Assert.Equal("Opening words 🎉.", Texts(page, "article > p")[0]);
        var figure = article.QuerySelector("figure")!;
        Assert.Equal((TestPictures.MediaUrl(Photo, "photo.png"), "Two tiers", "Ignition and Maglev"),
            (figure.QuerySelector("img")!.GetAttribute("src"), figure.QuerySelector("img")!.GetAttribute("alt"), figure.QuerySelector("figcaption")!.TextContent));
        Assert.Equal(
            [("https://www.youtube.com/watch?v=Scxz6jVS4Ls", "https://www.youtube.com/watch?v=Scxz6jVS4Ls"), ("https://vimeo.com/146022717", "A talk on garbage collection"),
                ("/articles/react-cliff", "the React story")],
            article.QuerySelectorAll(":scope > p a").Select(link => (link.GetAttribute("href"), link.TextContent)));
        Assert.Contains("This is the spring edition; see the React story.", ArticleText(page), StringComparison.Ordinal);
        Assert.Equal(("language-go", "func main() {}\n"), (article.QuerySelector("pre code")!.ClassName, article.QuerySelector("pre code")!.TextContent));
        Assert.Equal("Inner words stay.", Texts(page, "article > p")[^1]);
        Assert.Empty(article.QuerySelectorAll("iframe, script"));
    }

    [Fact]
    public async Task Liquid_tags_writers_use_for_content_are_rendered_as_the_content()
    {
        var page = await PageAsync("jekyll");

        var article = page.QuerySelector("article")!;
        var paragraphs = article.QuerySelectorAll(":scope > p");
        Assert.Equal("In v3.4.0 we stopped overriding {{ site.url }} and {{ page.content }}.", paragraphs[0].TextContent);
        Assert.Equal(["{{ site.url }}", "{{ page.content }}"], paragraphs[0].QuerySelectorAll("code").Select(code => code.TextContent));
        Assert.Equal("Write {{ page.title }} in a layout.", paragraphs[2].TextContent);
        // An item's indented paragraph is no code block: its calls are read.
        Assert.Equal("Links made with {{ page.url }} or to /docs/ adapt.", article.QuerySelectorAll(":scope > ul > li > p")[^1].TextContent);
        Assert.Equal(
            [("/articles/react-cliff", "v3.4.0"), ("/articles/react-cliff", "the story"), (TestPictures.MediaUrl(Photo, "photo.png"), "the logo"), ("/issues/new", "file a bug")],
            article.QuerySelectorAll("article > p a").Select(link => (link.GetAttribute("href"), link.TextContent)));
        Assert.Equal(("language-shell", "gem install jekyll\n"), (article.QuerySelector("pre code")!.ClassName, article.QuerySelector("pre code")!.TextContent));
    }

    [Fact]
    public async Task A_call_the_site_does_not_understand_is_reported_with_its_file_line_and_name()
    {
        var health = await Health.GetAsync(site.CreateClient());

        Assert.Equal(
            [
                ("hugo.md", "line 22: template calls of another tool that the site does not understand, shown without them: {{< gist >}} (line 22), {{% notice %}} (line 24)"),
                ("jekyll.md", "line 19: template calls of another tool that the site does not understand, shown without them: {{ site.repository }} (line 19), {% include %} (line 25)"),
            ],
            health.Problems.Select(problem => (Path.GetFileName(problem.Path), problem.Reason)));
        Assert.Equal(9, health.Articles);
    }
}
