using System.Collections.Frozen;
using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ArticleSite.Loading;
using ArticleSite.Media;
using Ganss.Xss;

namespace ArticleSite.Rendering;

/// <summary>
/// Lets the harmless part of an article's raw HTML onto the page: the elements and attributes GitHub allows in Markdown,
/// URLs that pass <see cref="ArticleMarkdown.IsSafe"/>, every other element dropped with its text kept.
/// </summary>
/// <remarks>
/// The HTML is parsed as a browser parses it (AngleSharp, scripting on, as a reader's browser has it), cleaned as a tree
/// by HtmlSanitizer, and written out again from the tree: what a browser reads back is the tree that was checked, with
/// every tag closed, so an unclosed or misnested tag cannot reach past the article body.
/// </remarks>
internal static partial class RawHtmlSanitizer
{
    /// <summary>Elements whose content is code or markup rather than text for a reader: dropped with all they hold.</summary>
    private static readonly FrozenSet<string> DroppedWithContent = FrozenSet.Create(
        StringComparer.Ordinal, "script", "style", "template", "noscript", "iframe", "noembed", "noframes");

    /// <summary>Ids and classes pass only as Markdig wrote them: see <see cref="KeepOnlyMarkdigIdsAndClasses"/>.</summary>
    private static readonly string[] Everywhere = ["title", "lang", "dir", "id", "class"];

    /// <summary>The classes the site's Markdown renderers write (tables, footnotes, task lists, notes), besides code's <c>language-*</c>.</summary>
    private static readonly FrozenSet<string> MarkdigClasses = FrozenSet.Create(StringComparer.Ordinal,
        "table", "align-left", "align-center", "align-right", "footnotes", "footnote-ref", "footnote-back-ref",
        "contains-task-list", "task-list-item", "task", "note");

    /// <summary>GitHub's allowlist of harmless elements, less those the Nu checker calls obsolete (tt, strike), and the attributes each may carry.</summary>
    private static readonly FrozenDictionary<string, string[]> AllowedAttributes = new Dictionary<string, string[]>
    {
        ["a"] = ["href"],
        // srcset and sizes name nothing but the media files: see ServeLocalImages.
        ["img"] = ["src", "srcset", "sizes", "alt", "width", "height", "decoding", "loading"],
        ["picture"] = [],
        ["source"] = ["srcset", "sizes", "media", "type", "width", "height"],
        ["blockquote"] = ["cite"],
        ["q"] = ["cite"],
        ["ins"] = ["cite", "datetime"],
        ["del"] = ["cite", "datetime"],
        ["details"] = ["open"],
        ["summary"] = [],
        ["ol"] = ["start", "reversed"],
        ["ul"] = [],
        ["li"] = [],
        ["dl"] = [],
        ["dt"] = [],
        ["dd"] = [],
        ["table"] = [],
        ["caption"] = [],
        ["thead"] = [],
        ["tbody"] = [],
        ["tfoot"] = [],
        ["tr"] = [],
        ["th"] = ["colspan", "rowspan", "scope"],
        ["td"] = ["colspan", "rowspan"],
        // Markdig's own heading ids and code classes pass only as Markdig wrote them: see KeepOnlyMarkdigIdsAndClasses.
        ["h1"] = [], ["h2"] = [], ["h3"] = [], ["h4"] = [], ["h5"] = [], ["h6"] = [],
        ["code"] = [],
        // The table's scrolling box, as TableRenderer writes it, and a note, as NoteRenderer does.
        ["div"] = ["role", "tabindex", "aria-label"],
        ["p"] = [], ["span"] = [], ["br"] = [], ["hr"] = [], ["pre"] = [],
        ["figure"] = [], ["figcaption"] = [],
        ["sup"] = [], ["sub"] = [], ["kbd"] = [], ["abbr"] = [], ["s"] = [], ["mark"] = [], ["small"] = [],
        ["em"] = [], ["strong"] = [], ["b"] = [], ["i"] = [], ["samp"] = [], ["var"] = [], ["cite"] = [], ["dfn"] = [],
        ["ruby"] = [], ["rt"] = [], ["rp"] = [], ["wbr"] = [],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Attributes whose value must be a whole number for the page to stay valid HTML.</summary>
    private static readonly FrozenSet<string> Numeric = FrozenSet.Create(StringComparer.Ordinal, "width", "height", "colspan", "rowspan", "start");

    /// <summary>Attributes whose value must be one of a few keywords for the page to stay valid HTML.</summary>
    private static readonly FrozenDictionary<string, string[]> Keywords = new Dictionary<string, string[]>
    {
        ["dir"] = ["ltr", "rtl", "auto"],
        ["scope"] = ["row", "col", "rowgroup", "colgroup"],
        ["role"] = ["region", "note"],
        ["tabindex"] = ["0"],
        ["decoding"] = ["async", "sync", "auto"],
        ["loading"] = ["lazy", "eager"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A srcset candidate's descriptor: a width (<c>480w</c>) or a density (<c>2x</c>, <c>1.5x</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[1-9][0-9]{0,5}w|(?:[0-9]{1,2}(?:\.[0-9]{1,3})?)x)$")]
    private static partial System.Text.RegularExpressions.Regex Descriptor();

    /// <summary>A media type such as <c>image/webp</c>, the only value a source's <c>type</c> may have.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]+$")]
    private static partial System.Text.RegularExpressions.Regex MediaType();

    /// <summary>Characters the URL standard does not allow in an attribute's URL (the Nu checker reports them).</summary>
    private static readonly System.Buffers.SearchValues<char> NotInUrls = System.Buffers.SearchValues.Create(" \t\n\r\f\\`<>\"{}|^");

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Sanitizes a rendered article body that holds raw HTML.</summary>
    /// <param name="markdigIds">The ids Markdig gave the article's headings and footnotes: the only ids the body may carry.</param>
    /// <param name="media">The article's media files: a relative <c>img src</c> is served through them, or shown as its alt text.</param>
    public static string Sanitize(string bodyHtml, IEnumerable<string> markdigIds, ResolvedMedia? media = null)
    {
        using var document = Clean(bodyHtml, markdigIds);
        ServeLocalImages(document.Body!, media ?? ResolvedMedia.None);
        return document.Body!.ChildNodes.ToHtml(HtmlFormatter.Instance);
    }

    /// <summary>The text a reader sees of some raw HTML once sanitized: no tags, white space collapsed.</summary>
    public static string TextOf(string html)
    {
        using var document = Clean(html, []);
        foreach (var lineBreak in document.Body!.QuerySelectorAll("br").ToList())
            lineBreak.Replace(document.CreateTextNode(" "));
        return string.Join(' ', document.Body.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static IHtmlDocument Clean(string html, IEnumerable<string> markdigIds)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><body>" + html);
        var body = document.Body!;
        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            if (DroppedWithContent.Contains(element.LocalName))
                element.Remove();
            // svg and math content is parsed by other rules, where sanitizers have been fooled: only its text passes.
            else if (element.NamespaceUri != NamespaceNames.HtmlUri)
                element.Replace(document.CreateTextNode(ReaderText(element)));
        }
        Sanitizer.SanitizeDom(document, body);
        KeepOnlyAllowedAttributes(body);
        KeepOnlyMarkdigIdsAndClasses(body, markdigIds);
        return document;
    }

    private static string ReaderText(IElement element) =>
        string.Concat(element.Descendants<IText>().Where(text => !DroppedWithContent.Contains(text.ParentElement?.LocalName ?? "")).Select(text => text.Data));

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = AllowedAttributes.Keys.ToHashSet(StringComparer.Ordinal),
            AllowedAttributes = AllowedAttributes.Values.SelectMany(names => names).Concat(Everywhere).ToHashSet(StringComparer.Ordinal),
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.Ordinal) { "href", "src", "cite" },
            UriListAttributes = new HashSet<string>(StringComparer.Ordinal) { "srcset" },
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        // The same check as Markdown links and images, so raw HTML can reach no URL that Markdown could not.
        sanitizer.FilterUrl += (_, url) =>
        {
            // Raw HTML's URLs are not escaped as Markdown's are: one a browser would have to repair is dropped.
            if (!ArticleMarkdown.IsSafe(url.OriginalUrl) || url.OriginalUrl.AsSpan().IndexOfAny(NotInUrls) >= 0)
                url.SanitizedUrl = null;
        };
        return sanitizer;
    }

    /// <summary>Removes what HtmlSanitizer's one list for all elements lets through on an element that may not carry it.</summary>
    private static void KeepOnlyAllowedAttributes(IElement body)
    {
        foreach (var element in body.QuerySelectorAll("*"))
        {
            var allowed = AllowedAttributes.GetValueOrDefault(element.LocalName, []);
            foreach (var attribute in element.Attributes.ToList())
            {
                if (!(allowed.Contains(attribute.Name) || Everywhere.Contains(attribute.Name)) || !IsValid(attribute.Name, attribute.Value))
                    element.RemoveAttribute(attribute.Name);
            }
        }
        // What the Nu checker reports as invalid: a source without srcset or outside a picture, an image without a
        // source (its URL was unsafe: its alt text stays) or without alt text.
        foreach (var source in body.QuerySelectorAll("source").Where(source => source.ParentElement?.LocalName != "picture" || !source.HasAttribute("srcset")).ToList())
            source.Remove();
        foreach (var image in body.QuerySelectorAll("img:not([src])").ToList())
            image.Replace(image.Owner!.CreateTextNode(image.GetAttribute("alt") ?? ""));
        foreach (var image in body.QuerySelectorAll("img:not([alt])"))
            image.SetAttribute("alt", "");
        // A table row with no cells, and a <pre> left open around the blocks after it, are invalid pages.
        foreach (var row in body.QuerySelectorAll("tr").Where(row => !row.Children.Any(cell => cell.LocalName is "td" or "th")).ToList())
            row.Remove();
        foreach (var pre in body.QuerySelectorAll("pre").Where(pre => pre.QuerySelector("p, div, ul, ol, dl, table, blockquote, figure, pre, hr, h1, h2, h3, h4, h5, h6, details") is not null).ToList())
            Unwrap(pre);
    }

    private static void Unwrap(IElement element)
    {
        while (element.FirstChild is { } child)
            element.Before(child);
        element.Remove();
    }

    /// <summary>
    /// Points each raw <c>img</c> with a relative <c>src</c> at the media file it names, with the picture's size when the
    /// author gave none; one whose file cannot be published (a problem of the article) is replaced by its alt text.
    /// Each <c>srcset</c> keeps only the candidates that name a media file (pointed at it), with their descriptors.
    /// The body's Markdown images are already at their media URLs.
    /// </summary>
    private static void ServeLocalImages(IElement body, ResolvedMedia media)
    {
        ServeSourceSets(body, media);
        foreach (var image in body.QuerySelectorAll("img[src]").ToList())
        {
            var source = image.GetAttribute("src")!;
            if (media.FileFor(source) is { } file)
            {
                image.SetAttribute("src", SiteRoutes.Media(file));
                if (!image.HasAttribute("width") && !image.HasAttribute("height") && file is { Width: { } width, Height: { } height })
                {
                    image.SetAttribute("width", width.ToString(CultureInfo.InvariantCulture));
                    image.SetAttribute("height", height.ToString(CultureInfo.InvariantCulture));
                }
                image.SetAttribute("decoding", "async");
                image.SetAttribute("loading", "lazy");
            }
            else if (IsRelative(source) && !SiteRoutes.IsMedia(source))
            {
                image.Replace(image.Owner!.CreateTextNode(image.GetAttribute("alt") ?? ""));
            }
        }
        // A picture whose image is gone offers its sources to nothing (and is invalid): its alt text stays.
        foreach (var picture in body.QuerySelectorAll("picture").Where(picture => !picture.Children.Any(child => child.LocalName == "img")).ToList())
        {
            foreach (var orphan in picture.Children.Where(child => child.LocalName == "source").ToList())
                orphan.Remove();
            Unwrap(picture);
        }
    }

    /// <summary>
    /// Keeps of each <c>srcset</c> the candidates that name a published media file, at its served URL, or that the site's
    /// renderers wrote (<c>/media/…</c>), each with a valid descriptor not given before: pages allow pictures from the
    /// site itself only (<c>img-src 'self'</c>), and an unknown or repeated descriptor makes the page invalid. A
    /// <c>source</c> left without candidates goes; <c>sizes</c> stays only beside a <c>srcset</c> of widths, which
    /// needs one (a browser takes <c>100vw</c> when there is none).
    /// </summary>
    private static void ServeSourceSets(IElement body, ResolvedMedia media)
    {
        foreach (var element in body.QuerySelectorAll("img[srcset], source[srcset]").ToList())
        {
            var srcset = element.GetAttribute("srcset")!;
            var kept = new List<(string Url, string Descriptor)>();
            foreach (var candidate in Srcset.Parse(srcset))
            {
                var url = srcset.Substring(candidate.Start, candidate.Length);
                var served = media.FileFor(url) is { } file ? SiteRoutes.Media(file)
                    : SiteRoutes.IsMedia(url) ? url
                    : null;
                var descriptor = candidate.Descriptor.Length == 0 ? "1x" : candidate.Descriptor;
                if (served is not null && Descriptor().IsMatch(descriptor)
                    && kept.All(other => other.Descriptor != descriptor && other.Descriptor[^1] == descriptor[^1]))
                    kept.Add((served, descriptor));
            }
            if (kept.Count == 0)
            {
                if (element.LocalName == "source")
                    element.Remove();
                element.RemoveAttribute("srcset");
                element.RemoveAttribute("sizes");
                continue;
            }
            element.SetAttribute("srcset", string.Join(", ", kept.Select(candidate => candidate.Descriptor == "1x" ? candidate.Url : $"{candidate.Url} {candidate.Descriptor}")));
            if (kept[0].Descriptor.EndsWith('w'))
                element.SetAttribute("sizes", element.GetAttribute("sizes") is { Length: > 0 } sizes ? sizes : "100vw");
            else
                element.RemoveAttribute("sizes");
        }
        foreach (var element in body.QuerySelectorAll("[sizes]:not([srcset])").ToList())
            element.RemoveAttribute("sizes");
        foreach (var source in body.QuerySelectorAll("source[type]").Where(source => !MediaType().IsMatch(source.GetAttribute("type")!)).ToList())
            source.RemoveAttribute("type");
    }

    private static bool IsRelative(string url) =>
        !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal);

    private static bool IsValid(string name, string value) =>
        Numeric.Contains(name) ? value.Length is > 0 and < 8 && value.All(char.IsAsciiDigit)
        : Keywords.TryGetValue(name, out var keywords) ? keywords.Contains(value, StringComparer.OrdinalIgnoreCase)
        : true;

    /// <summary>
    /// Ids and classes would let raw HTML take the page's own ids (a duplicate id breaks the page's links) or its styles:
    /// only the ids Markdig gave the headings and footnotes, once each, and the classes of the site's Markdown renderers
    /// (Markdig's <c>language-*</c> on code, <see cref="MarkdigClasses"/>) pass.
    /// </summary>
    private static void KeepOnlyMarkdigIdsAndClasses(IElement body, IEnumerable<string> markdigIds)
    {
        var unused = markdigIds.ToHashSet(StringComparer.Ordinal);
        foreach (var element in body.QuerySelectorAll("[id]"))
        {
            if (!unused.Remove(element.Id!))
                element.RemoveAttribute("id");
        }
        foreach (var element in body.QuerySelectorAll("[class]"))
        {
            if (!element.ClassList.All(name => name.StartsWith("language-", StringComparison.Ordinal) || MarkdigClasses.Contains(name)))
                element.RemoveAttribute("class");
        }
    }
}
