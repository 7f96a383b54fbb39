using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Every example of the CommonMark specification (npm package commonmark-spec, pinned in tests/tools) published as an
/// article: no 5xx, no live markup, a valid page, and the same words in the same order on the page, in the plain text
/// and in the JSON blocks.
/// </summary>
public sealed partial class CommonMarkSpecTests(CommonMarkSpecTests.SpecSite site) : IClassFixture<CommonMarkSpecTests.SpecSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One example of the specification: its number and its Markdown (tabs written as "→" in the spec).</summary>
    public sealed record Example(int Number, string Markdown)
    {
        public string Slug => $"example-{Number}";
    }

    /// <summary>The specification's examples, each as an article of its own after a one-line paragraph, so that each has body text.</summary>
    public sealed class SpecSite : ArticleSiteFactory
    {
        public SpecSite() => ContentFolder = Folder.Path;

        public TemporaryContentFolder Folder { get; } = new();

        public IReadOnlyList<Example> Examples { get; private set; } = [];

        /// <summary>Writes the articles; skips the test when the spec is not installed.</summary>
        public IReadOnlyList<Example> Write()
        {
            if (Examples.Count > 0)
                return Examples;
            Examples = Parse(File.ReadAllText(ExternalTools.CommonMarkSpec));
            foreach (var example in Examples)
                Folder.Write(example.Slug + ".md", TemporaryContentFolder.Article($"CommonMark example {example.Number}", "2025-01-01", $"Example {example.Number}.\n\n{example.Markdown}"));
            return Examples;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Folder.Dispose();
        }
    }

    private static List<Example> Parse(string spec)
    {
        const string Fence = "````````````````````````````````";
        var examples = new List<Example>();
        var lines = spec.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (!lines[index].StartsWith(Fence + " example", StringComparison.Ordinal))
                continue;
            var markdown = new List<string>();
            while (lines[++index] != ".")
                markdown.Add(lines[index]);
            while (lines[index] != Fence)
                index++;
            examples.Add(new Example(examples.Count + 1, string.Join('\n', markdown).Replace('→', '\t')));
        }
        return examples;
    }

    [Fact]
    public async Task Every_example_is_published_with_no_live_markup_and_the_same_words_in_page_text_and_json()
    {
        var examples = site.Write();
        Assert.True(examples.Count > 600, $"{examples.Count} examples read from the spec");
        var client = site.CreateClient();
        var failures = new ConcurrentBag<string>();
        var pages = new ConcurrentDictionary<string, byte[]>();

        await Parallel.ForEachAsync(examples, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancel }, async (example, cancel) =>
        {
            var path = $"/articles/{example.Slug}";
            using var page = await client.GetAsync(path, cancel);
            using var text = await client.GetAsync(path + ".txt", cancel);
            using var json = await client.GetAsync(path + ".json", cancel);
            if (page.StatusCode != HttpStatusCode.OK || text.StatusCode != HttpStatusCode.OK || json.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"example {example.Number}: {page.StatusCode} {text.StatusCode} {json.StatusCode}");
                return;
            }
            var html = await page.Content.ReadAsByteArrayAsync(cancel);
            pages[example.Slug] = html;
            var document = new HtmlParser().ParseDocument(new MemoryStream(html));
            if (LiveMarkup(document) is { } live)
                failures.Add($"example {example.Number}: live markup {live}");

            var pageWords = Words(PageText(document));
            var textWords = Words(BodyOfText(await text.Content.ReadAsStringAsync(cancel)));
            using var blocks = JsonDocument.Parse(await json.Content.ReadAsStringAsync(cancel));
            var jsonWords = Words(string.Join(' ', blocks.RootElement.GetProperty("blocks").EnumerateArray().SelectMany(TextsOf)));
            if (!pageWords.SequenceEqual(textWords))
                failures.Add($"example {example.Number}: page and .txt differ\n  page: {string.Join(' ', pageWords)}\n  text: {string.Join(' ', textWords)}");
            if (!pageWords.SequenceEqual(jsonWords))
                failures.Add($"example {example.Number}: page and JSON differ\n  page: {string.Join(' ', pageWords)}\n  json: {string.Join(' ', jsonWords)}");
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} failures:\n{string.Join('\n', failures.OrderBy(failure => failure, StringComparer.Ordinal))}");
        // Some 650 pages: one run of the checker, given the time it needs on a machine shared with other work.
        await NuHtmlChecker.AssertValidAsync(pages, TimeSpan.FromMinutes(15));
    }

    /// <summary>What a script-free page must never carry: a script, a frame or form, an event handler, a style attribute, a script URL.</summary>
    private static string? LiveMarkup(IDocument page)
    {
        // The masthead's search form is the page's own, not the article's.
        page.QuerySelector("body > header.masthead > form[role=search][action='/search']")?.Remove();
        if (page.QuerySelector("script:not([type='application/ld+json']), iframe, object, embed, form, input, button, textarea, select, style:not(head > style), link:not(head > link), meta:not(head > meta), base") is { } forbidden)
            return forbidden.OuterHtml;
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.Ordinal) || attribute.Name == "style"
                    || (attribute.Name is "href" or "src" or "cite" or "srcset" && !IsSafeUrl(attribute.Value)))
                    return $"{attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>";
            }
        }
        return null;
    }

    private static bool IsSafeUrl(string url)
    {
        var scheme = SchemePattern().Match(url.Trim());
        return !scheme.Success || scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto";
    }

    /// <summary>The text of the article's body on the page, as a reader sees it: an image as its alt text, without the note's back links.</summary>
    private static string PageText(IDocument page)
    {
        var article = page.QuerySelector("article")!;
        foreach (var element in article.QuerySelectorAll("article > header, nav, .footnote-back-ref").ToList())
            element.Remove();
        // A numbered list's numbers are on the screen, as they are in the plain text.
        foreach (var list in article.QuerySelectorAll("ol").ToList())
        {
            var number = int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
            foreach (var item in list.Children.Where(child => child.LocalName == "li"))
                item.Prepend(page.CreateTextNode($"{number++} "));
        }
        foreach (var image in article.QuerySelectorAll("img").ToList())
            image.Replace(page.CreateTextNode($" {image.GetAttribute("alt")} "));
        // Block boundaries are word boundaries, as in the other forms.
        foreach (var block in article.QuerySelectorAll("p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote, figcaption, div, hr, br").ToList())
            block.Before(page.CreateTextNode(" "));
        return article.TextContent;
    }

    /// <summary>The plain text after its headline, summary and byline.</summary>
    private static string BodyOfText(string text) => string.Join("\n\n", text.Split("\n\n").Skip(3));

    private static IEnumerable<string> TextsOf(JsonElement block)
    {
        foreach (var property in block.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Name is "text" or "alt" or "caption")
                yield return property.Value.GetString()!;
            else if (property.Name == "items")
            {
                var ordered = block.GetProperty("ordered").GetBoolean();
                var number = ordered ? block.GetProperty("start").GetInt32() : 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (ordered)
                        yield return $"{number++}";
                    foreach (var text in TextsOf(item))
                        yield return text;
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                        yield return item.GetString()!;
                    else if (item.ValueKind == JsonValueKind.Array)
                        foreach (var cell in item.EnumerateArray()) yield return cell.GetString()!;
                    else if (item.ValueKind == JsonValueKind.Object)
                        foreach (var text in TextsOf(item)) yield return text;
                }
            }
        }
    }

    /// <summary>
    /// The words, letters and digits only, once the plain text's own conventions are set aside in every form alike: a
    /// URL in brackets after a link's text, "[Image: " before a figure's alt text, a task's "[x]".
    /// </summary>
    private static List<string> Words(string text)
    {
        text = Conventions().Replace(text, "");
        return [.. WordPattern().Matches(text).Select(match => match.Value)];
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"(?:^| |(?<=\n))\([^\s\]]*\)|\[Image: |\[[ x]\] ")]
    private static partial Regex Conventions();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
