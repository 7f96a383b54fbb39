using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>The one Markdig pipeline of the site, and the checks that make article Markdown safe to publish.</summary>
internal static class ArticleMarkdown
{
    /// <summary>
    /// Front matter, GitHub-style heading ids, and what news articles carry beyond CommonMark: GFM pipe tables (with their
    /// alignment), footnotes, strikethrough, task lists and bare URLs as links (an image alone in its paragraph is
    /// rendered as a figure: Rendering/FigureRenderer). What other tools' folders carry is read so that none of it is
    /// shown as typed: GitHub's alerts (<c>&gt; [!NOTE]</c>) and markdown-it's containers (<c>:::note</c>, blocks only:
    /// <c>a::b::c</c> in prose stays text), both rendered by Rendering/NoteRenderer; emoji short codes (<c>:tada:</c>,
    /// without smileys, so <c>:-)</c> stays as typed); attribute lists (<see cref="AttributeLists"/>: ids only, never
    /// <c>{onclick=…}</c>). Named one by one: no typographic replacement, so the author's characters are published as written. Raw HTML is parsed into HTML nodes,
    /// which only the sanitizer (Rendering/RawHtmlSanitizer) lets onto a page: article files are untrusted input. A parse
    /// given a context from <see cref="ParseBudget.ContextWith"/> is held to that budget.
    /// </summary>
    public static MarkdownPipeline Pipeline { get; } = Extensions(new MarkdownPipelineBuilder()).Build();

    /// <summary>The same pipeline with raw HTML read as text (<see cref="RawHtml.Text"/>).</summary>
    public static MarkdownPipeline PipelineWithHtmlAsText { get; } = Extensions(new MarkdownPipelineBuilder()).DisableHtml().Build();

    private static MarkdownPipelineBuilder Extensions(MarkdownPipelineBuilder builder) => builder
        .UseYamlFrontMatter()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseFootnotes()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .UseAlertBlocks()
        .Use<ContainerBlocks>()
        .UseEmojiAndSmiley(enableSmileys: false)
        // Last: it reads the attribute lists of the block parsers added before it (headings, fenced code, containers).
        .Use<AttributeLists>()
        // Each link's URL has its place in the file, so the Markdown form can point a media reference at its served URL.
        .UsePreciseSourceLocation()
        .Use<ParseBudget>();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// Parses Markdown and turns every link or image whose URL is not http, https, mailto or relative into plain text;
    /// raw HTML is kept for the sanitizer, read as text, or dropped, as <paramref name="rawHtml"/> says.
    /// </summary>
    public static MarkdownDocument Parse(string markdown, RawHtml rawHtml = RawHtml.Sanitize, MarkdownParserContext? context = null)
    {
        var document = Markdown.Parse(markdown, rawHtml == RawHtml.Text ? PipelineWithHtmlAsText : Pipeline, context);
        if (rawHtml == RawHtml.Omit)
            RawHtmlNodes.Remove(document);
        RawHtmlNodes.Note(document);
        foreach (var link in document.Descendants<LinkInline>().Where(link => !IsSafe(link.Url)).ToList())
            Unwrap(link);
        foreach (var autolink in document.Descendants<AutolinkInline>().Where(link => !IsSafe(link.Url)).ToList())
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        return document;
    }

    /// <summary>True for relative URLs, mailto ones, and http and https ones whose host is a valid name or address.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var firstSeparator = url.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon >= 0 && (firstSeparator < 0 || colon < firstSeparator);
        if (!hasScheme)
            return true;
        var scheme = url[..colon].Trim().ToLowerInvariant();
        // A bare URL such as https://../ is a link to nowhere, and an invalid page.
        return scheme == "mailto" || (SafeSchemes.Contains(scheme)
            && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) && Uri.CheckHostName(absolute.IdnHost) != UriHostNameType.Unknown
            && !absolute.IdnHost.Split('.').Any(label => label.Length == 0));
    }

    /// <summary>Keeps a link's text (an image's alt text) and drops the link itself.</summary>
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }
}
