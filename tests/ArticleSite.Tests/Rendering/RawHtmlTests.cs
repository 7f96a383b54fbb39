using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Raw HTML in articles (<c>Markdown:RawHtml</c>, sanitize by default): what GitHub allows renders as markup, the rest
/// loses its tags, and nothing a sanitizer is known to be fooled by reaches the page.
/// </summary>
public sealed class RawHtmlTests(RawHtmlTests.Site site) : IClassFixture<RawHtmlTests.Site>
{
    /// <summary>Raw HTML as real articles carry it: the Go blog's links, the Rust blog's sized chart, marks, folded details.</summary>
    private const string ArticleWithRawHtml = """
        Go 1.21 adds three built-ins: see the <a href="https://go.dev/doc/go1.21#language">release notes</a> for details.

        <img src="chart.png" height="400">

        E = mc<sup>2</sup>, and water is H<sub>2</sub>O.<br>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop.

        <details>
        <summary>How we measured</summary>

        Each run was repeated <em>ten</em> times.

        </details>

        The last paragraph.
        """;

    /// <summary>A picture whose sources offer the chart at two densities and widths, beside what may not be offered (line 9 on).</summary>
    private const string PictureWithSources = """
        The first paragraph.

        <picture>
        <source srcset="chart.webp, chart.png 2x, https://evil.example/c.webp 3x, data:image/webp;base64,UklGRg== 4x, javascript:alert(1) 5x, chart.webp 480w" type="image/webp">
        <img src="chart.png" srcset="chart.png 800w, missing@2x.png 1600w" sizes="(max-width: 40em) 100vw, 40em" alt="Chart">
        </picture>
        """;

    /// <summary>The mutation-XSS and smuggling cases HTML sanitizers have been known to get wrong, one article each.</summary>
    public static TheoryData<string, string> HostileHtml => new()
    {
        { "noscript", """<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>""" },
        { "svg-namespace", """<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">""" },
        { "math-namespace", """<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">""" },
        { "svg-style", """<svg><style><img src=x onerror=alert(1)></style><a xlink:href="javascript:alert(1)"><text>click</text></a></svg>""" },
        { "math-href", """<math href="javascript:alert(1)"><mi>x</mi></math>""" },
        { "template", """<template><script>alert(1)</script><img src=x onerror=alert(1)></template>""" },
        { "nested-comments", """<!-- <!-- --> <img src=x onerror=alert(1)> --> and <!--><img src=y onerror=alert(2)>-->""" },
        { "tab-in-scheme", """<a href="jav&#x09;ascript:alert(1)">tab</a> <a href="&#106;avascript:alert(2)">entity</a> <a href=" JAVASCRIPT:alert(3)">caps</a>""" },
        { "img-onerror", """<img src=x onerror=alert(1)>""" },
        { "iframe-srcdoc", """<iframe srcdoc="<script>alert(1)</script>"></iframe><frameset><frame src="javascript:alert(2)"></frameset>""" },
        { "form-formaction", """<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">Go</button><input name="q"></form>""" },
        { "base-href", """<base href="https://evil.example/">""" },
        { "meta-refresh", """<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel="stylesheet" href="https://evil.example/x.css">""" },
        { "object-embed", """<object data="javascript:alert(1)"></object><embed src="javascript:alert(2)">""" },
        { "data-urls", """<a href="data:text/html;base64,PHNjcmlwdD4=">data</a> <img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">""" },
        { "style", """<p style="background:url(javascript:alert(1))">styled</p><style>body { display: none }</style>""" },
        { "event-handlers", """<details open ontoggle=alert(1)><summary onclick=alert(2)>More</summary></details>""" },
        { "picture-srcset", """<picture><source srcset="chart.webp 1x, javascript:alert(1) 2x, data:image/webp;base64,UklGRg== 3x, https://evil.example/c.webp 4x" type="image/webp"><img src="chart.png" srcset="javascript:alert(2)" alt="Chart"></picture>""" },
        { "unclosed-textarea", """Text <textarea> swallowing the rest""" },
        { "unclosed-comment", """<!-- never closed""" },
        { "unclosed-attribute", """<div title="never closed""" },
        { "unclosed-xmp", """<xmp>raw""" },
    };

    [Fact]
    public async Task Allowed_raw_html_renders_as_the_elements_github_allows()
    {
        var article = (await site.PageAsync("allowed")).QuerySelector("article")!;

        var link = Assert.Single(article.QuerySelectorAll("a[href^='https://go.dev']"));
        Assert.Equal(("https://go.dev/doc/go1.21#language", "release notes"), (link.GetAttribute("href"), link.TextContent));
        var image = Assert.Single(article.QuerySelectorAll("img"));
        Assert.Equal(
            [("src", TestPictures.MediaUrl(Site.Chart, "chart.png")), ("height", "400"), ("alt", ""), ("decoding", "async"), ("loading", "lazy")],
            image.Attributes.Select(attribute => (attribute.Name, attribute.Value)));
        Assert.Equal(["2"], article.QuerySelectorAll("sup").Select(element => element.TextContent));
        Assert.Equal(["2"], article.QuerySelectorAll("sub").Select(element => element.TextContent));
        Assert.Equal(["Ctrl", "C"], article.QuerySelectorAll("kbd").Select(element => element.TextContent));
        Assert.Single(article.QuerySelectorAll("p > br"));
        Assert.Equal("How we measured", article.QuerySelector("details > summary")?.TextContent);
        // The details block closes three Markdown blocks later, around the paragraph between.
        Assert.Equal("Each run was repeated ten times.", article.QuerySelector("details > p")?.TextContent);
        Assert.Equal("The last paragraph.", article.QuerySelector("details + p")?.TextContent);
    }

    [Fact]
    public async Task A_picture_keeps_only_the_sources_that_name_media_files_at_their_served_urls()
    {
        var picture = (await site.PageAsync("picture-srcset")).QuerySelector("article picture")!;

        Assert.Equal(
            [("source", $"srcset={TestPictures.MediaUrl(Site.ChartWebp, "chart.webp")} type=image/webp"), ("img", $"src={TestPictures.MediaUrl(Site.Chart, "chart.png")} alt=Chart width=800 height=400 decoding=async loading=lazy")],
            picture.Children.Select(element => (element.LocalName, string.Join(' ', element.Attributes.Select(attribute => $"{attribute.Name}={attribute.Value}")))));
    }

    [Fact]
    public async Task Each_srcset_candidate_is_served_from_the_media_files_with_its_descriptor_and_a_missing_one_is_reported_by_line()
    {
        var picture = (await site.PageAsync("sources")).QuerySelector("article picture")!;
        var health = await Health.GetAsync(site.Client);

        var (chart, webp) = (TestPictures.MediaUrl(Site.Chart, "chart.png"), TestPictures.MediaUrl(Site.ChartWebp, "chart.webp"));
        Assert.Equal(
            $"""
            <picture>
            <source srcset="{webp}, {chart} 2x" type="image/webp">
            <img src="{chart}" srcset="{chart} 800w" sizes="(max-width: 40em) 100vw, 40em" alt="Chart" width="800" height="400" decoding="async" loading="lazy">
            </picture>
            """,
            picture.OuterHtml);
        Assert.Equal([("sources.md", "line 11: 'missing@2x.png' does not exist; the picture is offered without it")], health.Problems.Where(problem => problem.Path == "sources.md"));
    }

    [Fact]
    public async Task Text_and_json_carry_the_raw_html_text_without_its_tags()
    {
        var text = await site.Client.GetStringAsync("/articles/allowed.txt", TestContext.Current.CancellationToken);
        var json = await site.Client.GetStringAsync("/articles/allowed.json", TestContext.Current.CancellationToken);
        var paragraphs = JsonDocument.Parse(json).RootElement.GetProperty("sections")[0].GetProperty("paragraphs")
            .EnumerateArray().Select(paragraph => paragraph.GetString());

        string[] expected =
        [
            "Go 1.21 adds three built-ins: see the release notes for details.",
            "E = mc2, and water is H2O. Press Ctrl+C to stop.",
            "How we measured",
            "Each run was repeated ten times.",
            "The last paragraph.",
        ];
        Assert.Equal(expected, paragraphs);
        Assert.EndsWith("\n\n" + string.Join("\n\n", expected) + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('<', text);
    }

    public static TheoryData<string, string[]> ParagraphsInEachMode => new()
    {
        {
            "sanitize",
            [
                "Go 1.21 adds three built-ins: see the release notes for details.",
                "E = mc2, and water is H2O. Press Ctrl+C to stop.",
                "How we measured",
                "Each run was repeated ten times.",
                "The last paragraph.",
            ]
        },
        {
            "text",
            [
                """Go 1.21 adds three built-ins: see the <a href="https://go.dev/doc/go1.21#language">release notes</a> for details.""",
                """<img src="chart.png" height="400">""",
                "E = mc<sup>2</sup>, and water is H<sub>2</sub>O.<br>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop.",
                "<details> <summary>How we measured</summary>",
                "Each run was repeated <em>ten</em> times.",
                "</details>",
                "The last paragraph.",
            ]
        },
        {
            "omit",
            [
                "Go 1.21 adds three built-ins: see the release notes for details.",
                "E = mc2, and water is H2O.Press Ctrl+C to stop.",
                "Each run was repeated ten times.",
                "The last paragraph.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(ParagraphsInEachMode))]
    public async Task Each_raw_html_mode_gives_the_page_and_the_text_it_promises(string mode, string[] paragraphs)
    {
        using var modeSite = new ArticleSiteFactory { ContentFolder = site.ContentFolder, RawHtml = mode };
        var client = modeSite.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/allowed", TestContext.Current.CancellationToken));
        var text = await client.GetStringAsync("/articles/allowed.txt", TestContext.Current.CancellationToken);

        var rawElements = page.QuerySelectorAll("article a[href^='https://go.dev'], article img, sup, sub, kbd, article br, details, summary, em");
        Assert.Equal(mode == "sanitize" ? 10 : 0, rawElements.Length);
        Assert.Equal(paragraphs, text.Split("\n\n")[3..].Select(paragraph => paragraph.TrimEnd('\n')));
    }

    [Fact]
    public async Task A_raw_html_mode_that_does_not_exist_stops_the_site_with_one_line_naming_it()
    {
        await using var process = SiteProcess.StartOn(site.ContentFolder, "--Markdown:RawHtml", "html");

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal("ArticleSite cannot start: Failed to convert configuration value 'html' at 'Markdown:RawHtml' to type 'ArticleSite.Loading.RawHtml'.", Assert.Single(errorLines));
    }

    [Theory]
    [MemberData(nameof(HostileHtml))]
    public async Task Hostile_raw_html_leaves_no_script_handler_url_style_form_frame_or_foreign_markup(string slug, string _)
    {
        var page = await site.PageAsync(slug);

        Assert.Equal(["application/ld+json"], page.QuerySelectorAll("script").Select(script => script.GetAttribute("type")));
        Assert.DoesNotContain(page.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.All.SelectMany(element => element.Attributes), attribute => IsScriptOrDataUrl(attribute.Value));
        // The masthead's search form is the page's own; no other form or control may appear.
        var searchForm = Assert.Single(page.QuerySelectorAll("body > header.masthead > form[role=search][action='/search']"));
        searchForm.Remove();
        Assert.Empty(page.QuerySelectorAll("[style], body style, form, button, input, textarea, iframe, frame, frameset, object, embed, base, body meta, body link, svg, math, template, noscript, xmp"));
        Assert.Single(page.QuerySelectorAll("head style"));
        var article = page.QuerySelector("main > article")!;
        Assert.All(article.QuerySelectorAll("*"), element => Assert.Contains(element.LocalName, AllowedInArticle));
        // Nothing unclosed reaches past the article: the page's own footer is still the page's.
        Assert.Equal($"{site.Client.BaseAddress}articles/{slug}", page.QuerySelector("body > footer.site-footer .permalink a")?.TextContent);
        Assert.Equal("The first paragraph.", article.QuerySelector("header + p")?.TextContent);
    }

    [Fact]
    public async Task The_feed_carries_each_body_as_sanitized_for_its_page()
    {
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/feed.atom", TestContext.Current.CancellationToken));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var bodies = feed.Descendants(atom + "entry").ToDictionary(
            entry => entry.Element(atom + "title")!.Value,
            entry => new HtmlParser().ParseDocument($"<body>{entry.Element(atom + "content")!.Value}"));

        // The feed carries the newest 20 of the articles; the bodies are those of their pages, which the tests above check for every snippet.
        Assert.Equal(Math.Min(HostileHtml.Count + 1, 20), bodies.Count);
        Assert.Equal(["2"], bodies["Raw HTML readers should see"].QuerySelectorAll("sup").Select(element => element.TextContent));
        Assert.All(bodies.Values, body =>
        {
            Assert.Empty(body.QuerySelectorAll("script, [style], style, form, iframe, object, embed, base, meta, link, svg, math, template, noscript"));
            Assert.DoesNotContain(body.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || IsScriptOrDataUrl(attribute.Value)));
        });
    }

    [Fact]
    public async Task Pages_with_raw_html_allowed_or_hostile_have_no_Nu_Html_Checker_errors()
    {
        var (java, vnu) = (ExternalTools.Java, ExternalTools.VnuJar);
        var folder = Directory.CreateTempSubdirectory("articlesite-rawhtml-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var slug in HostileHtml.Select(row => row.Data.Item1).Prepend("sources").Prepend("allowed"))
            {
                files.Add(Path.Combine(folder, $"{slug}.html"));
                await File.WriteAllTextAsync(files[^1], await site.Client.GetStringAsync($"/articles/{slug}", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            }

            var (exitCode, output) = await HtmlValidityTests.RunAsync(java, ["-jar", vnu, "--errors-only", "--format", "text", .. files]);

            Assert.True(exitCode == 0 && !output.Contains("error:", StringComparison.OrdinalIgnoreCase), $"vnu exit code {exitCode}:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The page's own elements around the body, and those the sanitizer and Markdig may put in it.</summary>
    private static readonly HashSet<string> AllowedInArticle =
    [
        "header", "h1", "h2", "h3", "h4", "h5", "h6", "p", "time", "span", "nav", "ol", "ul", "li", "a", "img", "picture", "source",
        "blockquote", "q", "ins", "del", "details", "summary", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "code", "pre", "div", "br", "hr", "figure", "figcaption", "sup", "sub", "kbd", "abbr", "s", "mark", "small", "em", "strong", "b", "i",
        "samp", "var", "cite", "dfn", "ruby", "rt", "rp", "wbr",
    ];

    private static bool IsScriptOrDataUrl(string value)
    {
        // As a browser reads a URL: ASCII tab and newline removed anywhere, spaces and controls trimmed.
        var url = new string([.. value.Where(character => character is not ('\t' or '\n' or '\r'))]).Trim('\0', ' ', '\f', '\u0001').ToLowerInvariant();
        return url.Contains("javascript:", StringComparison.Ordinal) || url.Contains("vbscript:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal);
    }

    /// <summary>One site for the class: the allowed snippets, and each hostile one in an article of its own.</summary>
    public sealed class Site : IDisposable
    {
        private readonly TemporaryContentFolder content = new();
        private readonly ArticleSiteFactory factory;

        public Site()
        {
            content.WriteBytes("chart.png", Chart);
            content.WriteBytes("chart.webp", ChartWebp);
            content.Write("allowed.md", TemporaryContentFolder.Article("Raw HTML readers should see", "2025-11-03", ArticleWithRawHtml));
            content.Write("sources.md", TemporaryContentFolder.Article("Sources", "2025-11-01", PictureWithSources));
            foreach (var (slug, html) in HostileHtml.Select(row => row.Data))
                content.Write($"{slug}.md", TemporaryContentFolder.Article(slug, "2025-11-02", $"The first paragraph.\n\n{html}\n\nThe last paragraph."));
            factory = new ArticleSiteFactory { ContentFolder = content.Path };
            Client = factory.CreateClient();
        }

        public HttpClient Client { get; }

        /// <summary>The picture the articles' raw HTML shows, beside them in the content folder.</summary>
        public static byte[] Chart { get; } = TestPictures.Png(800, 400);

        /// <summary>The same chart as WebP, which a picture's source offers.</summary>
        public static byte[] ChartWebp { get; } = WebP(800, 400);

        private static byte[] WebP(int width, int height)
        {
            using var image = NetVips.Image.Black(width, height, bands: 3) + 90;
            using var pixels = image.Cast(NetVips.Enums.BandFormat.Uchar);
            return pixels.WebpsaveBuffer();
        }

        public string ContentFolder => content.Path;

        public async Task<IHtmlDocument> PageAsync(string slug) =>
            new HtmlParser().ParseDocument(await Client.GetStringAsync($"/articles/{slug}", TestContext.Current.CancellationToken));

        public void Dispose()
        {
            factory.Dispose();
            content.Dispose();
        }
    }
}
