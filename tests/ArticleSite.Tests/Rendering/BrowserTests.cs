using System.Text.Json;
using ArticleSite.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ArticleSite.Tests;

/// <summary>The page in a real Chromium: phone and desktop, light and dark, print; axe-core, contrast, layout and keyboard.</summary>
public sealed class BrowserTests(ArticleSiteFactory site, ChromiumBrowser chromium) : IClassFixture<ArticleSiteFactory>, IClassFixture<ChromiumBrowser>
{
    public static TheoryData<int, int, string> Views => new()
    {
        { 390, 844, "light" },
        { 390, 844, "dark" },
        { 1280, 900, "light" },
        { 1280, 900, "dark" },
    };

    private string PageUrl => new Uri(site.CreateClient().BaseAddress!, "/").AbsoluteUri;

    private async Task<IPage> OpenAsync(int width, int height, string scheme = "light")
    {
        var page = await chromium.OpenAsync(width, height, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await page.GotoAsync(PageUrl);
        return page;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_WCAG_A_AA_or_best_practice_violation(int width, int height, string scheme)
    {
        var page = await OpenAsync(width, height, scheme);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"page-{width}x{height}-{scheme}-first-view.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"page-{width}x{height}-{scheme}.png"), FullPage = true });

        await AssertNoAxeViolationAsync(page);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_violation_on_the_search_results(int width, int height, string scheme)
    {
        var client = site.CreateClient();
        await Eventually.GetAsync(() => client.GetStringAsync("/search?q=gyeongju", TestContext.Current.CancellationToken),
            results => results.Contains("<mark>", StringComparison.Ordinal), "the index to hold the article");
        var page = await chromium.OpenAsync(width, height, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await page.GotoAsync(new Uri(client.BaseAddress!, "/search?q=gyeongju").AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"search-{width}x{height}-{scheme}.png"), FullPage = true });

        await AssertNoAxeViolationAsync(page);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_no_violation_on_an_article_page_that_leads_on_and_a_phone_never_scrolls_sideways(int width, int height, string scheme)
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", TemporaryContentFolder.Article("Alpha", "2025-11-01", "Alpha body.", "tags: [x]\n"));
        // Related to the others, beside none of them: the page's related list is not left empty by its previous and next.
        content.Write("z.md", TemporaryContentFolder.Article("Zeta", "2025-10-01", "Zeta body.", "tags: [x]\n"));
        content.Write("b.md", TemporaryContentFolder.Article("A headline long enough to wrap on a phone, with Averyveryverylongwordwithoutanybreakopportunity", "2025-11-02", "Body.", "tags: [x]\n"));
        content.Write("c.md", TemporaryContentFolder.Article("بيتا", "2025-11-03", "نص.", "lang: ar\ntags: [x]\n"));
        await using var several = new ArticleSiteFactory { ContentFolder = content.Path };
        var page = await chromium.OpenAsync(width, height, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await page.GotoAsync(new Uri(several.CreateClient().BaseAddress!, "/articles/b").AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"leads-on-{width}x{height}-{scheme}.png"), FullPage = true });

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        await AssertNoAxeViolationAsync(page);
        Assert.True(await page.Locator("nav.leads-on").IsVisibleAsync());
        // On paper, links lead nowhere: the links are left out, as the masthead is.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await page.Locator("nav.leads-on").IsVisibleAsync());
    }

    private static async Task AssertNoAxeViolationAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });

        Assert.True(results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} — {string.Join(", ", violation.Nodes.Select(node => node.Html))}")));
        Assert.NotEmpty(results.Passes);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Body_text_and_links_have_a_contrast_of_at_least_4_5_to_1(int width, int height, string scheme)
    {
        var page = await OpenAsync(width, height, scheme);

        var ratios = await page.EvaluateAsync<JsonElement>(BrowserScripts.ContrastRatios, "article p, article a, .byline, .site-footer p, .site-footer a, .section-menu p, .masthead a");

        var lowest = ratios.EnumerateArray().MinBy(entry => entry.GetProperty("ratio").GetDouble());
        Assert.True(lowest.GetProperty("ratio").GetDouble() >= 4.5, $"lowest contrast {lowest}");
        Assert.True(ratios.GetArrayLength() > 30);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_headline_is_visible_above_the_fold_and_the_stylesheet_applies(int width, int height, string scheme)
    {
        var page = await OpenAsync(width, height, scheme);

        var headline = await page.Locator("h1").BoundingBoxAsync();
        Assert.NotNull(headline);
        Assert.InRange(headline.Y, 0, height - headline.Height);
        // The inline stylesheet ran under the CSP: the body is not the browser's default white or black.
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal(scheme == "dark" ? "rgb(23, 24, 27)" : "rgb(251, 250, 247)", background);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Nothing_moves_once_the_page_is_shown(int width, int height, string scheme)
    {
        var page = await OpenAsync(width, height, scheme);
        await page.WaitForLoadStateAsync(LoadState.Load);

        var shifts = await page.EvaluateAsync<JsonElement?>(BrowserScripts.LayoutShifts);

        Assert.True(shifts is { ValueKind: JsonValueKind.Array }, "Chromium reports no layout shifts at all: the check would prove nothing");
        Assert.True(shifts.Value.GetArrayLength() == 0, $"layout shifts: {shifts}");
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task There_is_no_horizontal_scroll_on_narrow_phones(int width)
    {
        var page = await OpenAsync(width, 700);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.Equal(0, overflow);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Text_zoomed_to_200_percent_keeps_everything_within_the_width(int width)
    {
        var page = await OpenAsync(width, 900);
        var normalHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");

        await page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var clipped = await page.EvaluateAsync<int>(BrowserScripts.ClippedTextCount);
        Assert.Equal(0, overflow);
        Assert.Equal(0, clipped);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight") > normalHeight * 1.5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"page-{width}-text-200.png") });
    }

    [Fact]
    public async Task Each_table_of_contents_link_lands_on_its_section()
    {
        var page = await OpenAsync(390, 844);

        var links = page.Locator("nav.section-menu a");
        Assert.Equal(SourceArticle.Headings.Length, await links.CountAsync());
        for (var index = 0; index < SourceArticle.Headings.Length; index++)
        {
            await page.GotoAsync(PageUrl);
            await links.Nth(index).ClickAsync();

            await AssertTargetIsInViewAsync(page, SourceArticle.Headings[index]);
        }
    }

    [Fact]
    public async Task Each_section_heading_links_to_itself()
    {
        var page = await OpenAsync(1280, 900);

        for (var index = 0; index < SourceArticle.Headings.Length; index++)
        {
            await page.GotoAsync(PageUrl);
            await page.Locator("article h2 a").Nth(index).ClickAsync();

            await AssertTargetIsInViewAsync(page, SourceArticle.Headings[index]);
            var id = await page.Locator("article h2").Nth(index).GetAttributeAsync("id");
            Assert.EndsWith($"/#{id}", page.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_first_Tab_reaches_the_skip_link_which_moves_focus_to_the_main_content()
    {
        var page = await OpenAsync(390, 844);

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to the article", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var skipLink = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.True(skipLink is { Y: >= 0 } && skipLink.Height > 0, "the focused skip link is on screen");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);

        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal(SourceArticle.Headings[0], await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }

    [Fact]
    public async Task Print_shows_the_article_with_its_URL_and_credit_and_no_navigation()
    {
        var page = await OpenAsync(1280, 900);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });

        Assert.False(await page.Locator("nav.section-menu").IsVisibleAsync());
        Assert.False(await page.Locator(".masthead").IsVisibleAsync());
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        // The article's permanent URL, which "/" names as canonical while it shows this article.
        Assert.Equal(new Uri(new Uri(PageUrl), "/articles/lee-xi-gyeongju-summit").AbsoluteUri, await page.Locator(".site-footer .permalink").InnerTextAsync());
        Assert.True(await page.Locator(".site-footer .permalink").IsVisibleAsync());
        Assert.Contains("Reported by thefoxdaily.com, Latest World.", await page.Locator(".site-footer").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('article > p')).color"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, "page-print.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, "page-print.pdf"), Format = "A4" });
    }

    private static async Task AssertTargetIsInViewAsync(IPage page, string heading)
    {
        var target = await page.EvaluateAsync<JsonElement>(
            "() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect(); return { text: t.textContent, top: r.top, bottom: r.bottom, height: innerHeight }; }");
        Assert.Equal(heading, target.GetProperty("text").GetString());
        Assert.InRange(target.GetProperty("top").GetDouble(), 0, target.GetProperty("height").GetDouble());
        Assert.InRange(target.GetProperty("bottom").GetDouble(), 0, target.GetProperty("height").GetDouble());
    }
}
