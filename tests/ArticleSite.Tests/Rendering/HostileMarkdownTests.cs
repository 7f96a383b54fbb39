using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Article files are untrusted: nothing in them may become live markup on the page.</summary>
public sealed class HostileMarkdownTests : IDisposable
{
    private const string HostileArticle = """
        ---
        title: "A <b>bold</b> headline"
        summary: "Summary with <script>alert('summary')</script>"
        date: 2025-11-02
        ---

        Intro <script>alert('body')</script> text.

        <img src="x" onerror="alert('img')">

        <div onclick="alert('div')">Clickable</div>

        A [javascript link](javascript:alert('link')) and a [spaced one](  JavaScript:alert('caps') ) and <javascript:alert('auto')>.

        An ![image](javascript:alert('image')) and a [data link](data:text/html;base64,PHNjcmlwdD4=) and a [vb link](vbscript:msgbox).

        A [safe link](https://example.org/story), a [relative one](/article.txt) and [mail](mailto:desk@example.org).
        """;

    private readonly TemporaryContentFolder content = new();

    public HostileMarkdownTests() => content.Write("hostile.md", HostileArticle);

    [Theory]
    [InlineData("sanitize", "Intro text.")]
    [InlineData("text", "Intro <script>alert('body')</script> text.")]
    [InlineData("omit", "Intro alert('body') text.")]
    public async Task Raw_html_script_and_event_handlers_never_become_markup_whatever_the_raw_html_mode(string mode, string intro)
    {
        using var site = new ArticleSiteFactory { ContentFolder = content.Path, RawHtml = mode };
        var html = await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(html);

        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']), img[onerror], div[onclick], b"));
        Assert.DoesNotContain(page.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Equal("A <b>bold</b> headline", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(intro, Collapsed(page.QuerySelector("article > p")?.TextContent));
    }

    [Theory]
    [InlineData("sanitize")]
    [InlineData("text")]
    [InlineData("omit")]
    public async Task Only_http_https_mailto_and_relative_links_survive_whatever_the_raw_html_mode(string mode)
    {
        using var site = new ArticleSiteFactory { ContentFolder = content.Path, RawHtml = mode };
        var html = await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(html);

        var hrefs = page.QuerySelectorAll("article > p a[href]").Select(anchor => anchor.GetAttribute("href"));
        Assert.Equal(["https://example.org/story", "/article.txt", "mailto:desk@example.org"], hrefs);
        Assert.DoesNotContain(page.All.SelectMany(element => element.Attributes), attribute => attribute.Value.Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("A javascript link and a spaced one and javascript:alert('auto').", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sanitize")]
    [InlineData("text")]
    [InlineData("omit")]
    public async Task Footnotes_table_cells_bare_urls_and_figures_pass_the_same_url_check(string mode)
    {
        using var folder = new TemporaryContentFolder();
        folder.Write("blocks.md", TemporaryContentFolder.Article("Blocks", "2025-11-02", """
            A note[^x] <b>bold</b>.

            [^x]: See [the source](javascript:alert('note')) and [the paper](https://example.org/paper).

            | Where | Link |
            |-------|------|
            | cell | [click](javascript:alert('cell')) [fine](https://example.org/cell) |

            ![A bad figure](javascript:alert('figure') "Its caption")

            Bare ftp://example.org/file and www.example.org/ok and javascript:alert('bare').
            """));
        using var site = new ArticleSiteFactory { ContentFolder = folder.Path, RawHtml = mode };
        var page = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken));

        var article = page.QuerySelector("article")!;
        Assert.Equal(["#fn:1", "https://example.org/cell", "http://www.example.org/ok", "https://example.org/paper", "#fnref:1"],
            article.QuerySelectorAll("a[href]").Select(anchor => anchor.GetAttribute("href")));
        Assert.Empty(article.QuerySelectorAll("figure, img"));
        Assert.Contains("A bad figure", article.TextContent, StringComparison.Ordinal);
        Assert.Contains("See the source and the paper.", Collapsed(article.QuerySelector(".footnotes li")?.TextContent), StringComparison.Ordinal);
        Assert.DoesNotContain(page.All.SelectMany(element => element.Attributes), attribute => attribute.Value.Contains("script:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("sanitize")]
    [InlineData("text")]
    [InlineData("omit")]
    public async Task Other_tools_syntax_brings_no_script_handler_style_frame_or_unsafe_url_whatever_the_raw_html_mode(string mode)
    {
        using var folder = new TemporaryContentFolder();
        folder.Write("calls.md", TemporaryContentFolder.Article("Calls", "2025-11-03", """
            Param: {{% param trap %}}

            {{< figure src="javascript:alert('figure')" caption="<script>alert('caption')</script>" >}}

            {{< youtube "\"><script>alert('yt')</script>" >}}

            {{< vimeo id="1" title="<iframe src=https://evil.example/>" >}}

            ## Heading {onclick="alert('h')" style="color:red" #safe}

            {% raw %}<script>alert('raw')</script>{% endraw %}

            > [!NOTE]
            > <img src=x onerror=alert('note')>

            :::note
            <iframe src="https://evil.example/"></iframe>
            :::
            """, "trap: \"<script>alert('param')</script><img src=x onerror=alert('param')>\"\n"));
        using var site = new ArticleSiteFactory { ContentFolder = folder.Path, RawHtml = mode };
        var page = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken));

        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']), iframe, article [style], article img"));
        Assert.DoesNotContain(page.All.SelectMany(element => element.Attributes), attribute =>
            attribute.Name.StartsWith("on", StringComparison.Ordinal) || attribute.Value.Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Heading", page.QuerySelector("article h2#safe")?.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("article div.note").Length);
    }

    private static string Collapsed(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public void Dispose() => content.Dispose();
}
