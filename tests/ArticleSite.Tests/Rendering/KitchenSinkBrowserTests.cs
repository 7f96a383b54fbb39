using System.Text.Json;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ArticleSite.Tests;

/// <summary>The kitchen-sink article (every kind of block) in a real Chromium, the Nu checker and reader mode: phone to desktop, light and dark, print.</summary>
public sealed class KitchenSinkBrowserTests(KitchenSinkSite site, ChromiumBrowser chromium) : IClassFixture<KitchenSinkSite>, IClassFixture<ChromiumBrowser>
{
    public static TheoryData<int, string> Views => new()
    {
        { 320, "light" },
        { 320, "dark" },
        { 390, "light" },
        { 390, "dark" },
        { 1280, "light" },
        { 1280, "dark" },
    };

    private string PageUrl => new Uri(site.CreateClient().BaseAddress!, KitchenSinkSite.PagePath).AbsoluteUri;

    private async Task<IPage> OpenAsync(int width, string scheme = "light", bool bypassCsp = false)
    {
        var page = await chromium.OpenAsync(width, 800, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, bypassCsp);
        await page.GotoAsync(PageUrl);
        return page;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_violation_in_any_kind_of_block(int width, string scheme)
    {
        var page = await OpenAsync(width, scheme);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"kitchen-sink-{width}-{scheme}.png"), FullPage = true });

        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });

        Assert.True(results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} — {string.Join(", ", violation.Nodes.Select(node => node.Html))}")));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_page_never_scrolls_sideways_the_table_scrolls_in_its_own_box_code_and_urls_wrap(int width, string scheme)
    {
        var page = await OpenAsync(width, scheme);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var escaping = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('article *')]
                .filter(element => element.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1
                    && !element.closest('.table'))
                .map(element => element.outerHTML.slice(0, 80))
            """);

        Assert.Equal(0, overflow);
        Assert.Empty(escaping);
        Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.table')).overflowX"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => { const pre = document.querySelector('pre'); return pre.scrollWidth - pre.clientWidth; }"));
    }

    [Fact]
    public async Task On_a_320_pixel_phone_the_table_scrolls_within_its_box_and_the_keyboard_reaches_it()
    {
        var page = await OpenAsync(320);

        var box = await page.EvaluateAsync<JsonElement>("() => { const b = document.querySelector('.table'); return { scroll: b.scrollWidth, client: b.clientWidth }; }");
        Assert.True(box.GetProperty("scroll").GetInt32() > box.GetProperty("client").GetInt32(), $"the table fits at 320 px, so the check proves nothing: {box}");
        await page.Locator(".table").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.querySelector('.table').scrollLeft > 0", null, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Figures_quotations_and_footnotes_are_styled_as_such()
    {
        var page = await OpenAsync(390);

        var image = await page.Locator("figure img").BoundingBoxAsync();
        var article = await page.Locator("article").BoundingBoxAsync();
        Assert.True(image!.Width <= article!.Width, "the picture stays within the measure");
        Assert.NotEqual("0px", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('blockquote')).borderLeftWidth"));
        Assert.NotEqual(
            await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('article > p')).fontSize"),
            await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('figcaption')).fontSize"));
        Assert.NotEqual(
            await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('article > p')).fontSize"),
            await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.footnotes')).fontSize"));
        Assert.Equal("right", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('td.align-right')).textAlign"));
        Assert.Equal("center", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('td.align-center')).textAlign"));
    }

    [Fact]
    public async Task Print_keeps_the_table_figure_code_and_notes_within_the_page()
    {
        var page = await OpenAsync(1280);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        await page.SetViewportSizeAsync(600, 900);

        foreach (var selector in new[] { "article table", "figure figcaption", "pre", ".footnotes li" })
            Assert.True(await page.Locator(selector).First.IsVisibleAsync(), selector);
        Assert.False(await page.Locator(".footnote-back-ref").First.IsVisibleAsync());
        Assert.Equal("pre-wrap", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('pre')).whiteSpace"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, "kitchen-sink-print.pdf"), Format = "A4" });
    }

    [Fact]
    public async Task Readability_extracts_the_figures_caption_the_table_and_the_notes()
    {
        var readability = ExternalTools.Readability;
        // The page's CSP rightly refuses an injected script; the test bypasses it to run Readability in the page.
        var page = await OpenAsync(1280, bypassCsp: true);
        await page.AddScriptTagAsync(new() { Path = readability });

        var html = await page.EvaluateAsync<string>("() => new Readability(document.cloneNode(true)).parse().content");

        var content = new HtmlParser().ParseDocument(html);
        Assert.Equal("Ministers shake hands in Busan on Monday. Photo: Pool", content.QuerySelector("figcaption")?.TextContent.Trim());
        Assert.Equal(["Country", "Exports (bn USD)", "Change"], content.QuerySelectorAll("table th").Select(cell => cell.TextContent.Trim()));
        Assert.Equal(9, content.QuerySelectorAll("table td").Length);
        Assert.Contains("Corrections go to the newsroom.", content.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("It is a beginning, not an end.", content.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("In this article", content.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Nothing_moves_while_the_photo_the_chart_and_the_emblem_load(int width)
    {
        // The page's policy forbids the probe's script; it does not change the layout.
        var page = await OpenAsync(width, bypassCsp: true);

        var shift = await BrowserScripts.ShiftOnceArticleImagesLoadAsync(page);

        // Each reserved at its intrinsic size, and decoded by the browser (from whichever variant it chose) in that shape.
        var shown = await page.EvaluateAsync<double[][]>("() => [...document.querySelectorAll('article img')].map(image => [+image.getAttribute('width'), +image.getAttribute('height'), image.naturalWidth / image.naturalHeight])");
        Assert.Equal([(2400, 1600), (640, 360), (200, 100)], shown.Select(size => ((int)size[0], (int)size[1])));
        Assert.All(shown, size => Assert.Equal(size[0] / size[1], size[2], 0.01));
        Assert.Equal(0, shift);
    }

    [Fact]
    public async Task The_emblems_script_runs_neither_in_the_page_nor_with_the_svg_opened_by_itself()
    {
        const string ScriptRanTitle = "svg script ran";
        var page = await OpenAsync(1280);
        await page.Locator("img[alt=\"The trade office's emblem\"]").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.images].every(image => image.complete)");
        Assert.NotEqual(ScriptRanTitle, await page.TitleAsync());

        var response = await page.GotoAsync(new Uri(site.CreateClient().BaseAddress!, TestPictures.MediaUrl(KitchenSinkSite.Emblem, "emblem.svg")).AbsoluteUri);

        Assert.Equal("image/svg+xml", response!.Headers["content-type"]);
        Assert.Equal(KitchenSinkSite.Emblem, await response.BodyAsync());
        Assert.NotEqual(ScriptRanTitle, await page.TitleAsync());
        // Opened as a document of its own (its rectangle is there), not as a page that failed to parse.
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelectorAll('rect').length"));
    }

    [Fact]
    public async Task The_kitchen_sink_page_has_no_Nu_Html_Checker_errors()
    {
        var client = site.CreateClient();
        var page = await client.GetByteArrayAsync(KitchenSinkSite.PagePath, TestContext.Current.CancellationToken);

        await NuHtmlChecker.AssertValidAsync(new Dictionary<string, byte[]> { ["kitchen-sink"] = page });
    }
}
