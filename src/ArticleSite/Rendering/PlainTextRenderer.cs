using System.Text;
using ArticleSite.Loading;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>Renders an article as plain text from its Markdown syntax tree: one block a line, blank lines between blocks.</summary>
public static class PlainTextRenderer
{
    public static string Render(ParsedArticle article)
    {
        var metadata = article.Metadata;
        var blocks = new List<string> { metadata.Title, metadata.Summary, Byline(metadata) };
        blocks.AddRange(article.Document.Descendants<LeafBlock>().Where(IsText).Select(TextOf).Where(text => text.Length > 0));
        return string.Join("\n\n", blocks) + "\n";
    }

    /// <summary>The text a reader sees in a heading, a paragraph or a block of raw HTML (sanitized, without its tags).</summary>
    public static string TextOf(LeafBlock block) =>
        block is HtmlBlock html ? RawHtmlSanitizer.TextOf(html.Lines.ToString()) : TextOf(block.Inline);

    /// <summary>
    /// The authors, date and credit line, as on the page: "By A and B · 1 November 2025 · Updated 2 November 2025 · Source:
    /// thefoxdaily.com, Latest World", each part only when the front matter gives it, in the article's language.
    /// </summary>
    public static string Byline(ArticleMetadata metadata)
    {
        var words = PageWords.For(metadata.Language);
        return string.Join(" · ", new[]
        {
            words.Byline(metadata.Authors),
            words.Date(metadata.Date),
            metadata.Updated is { } updated ? $"{words["updated"]} {words.Date(updated)}" : null,
            words.Credit(metadata.Source, metadata.Section),
        }.OfType<string>());
    }

    private static bool IsText(LeafBlock block) => block is HtmlBlock || (block is HeadingBlock or ParagraphBlock && block.Inline is not null);

    /// <summary>The text a reader sees in a run of inlines, with markup removed and line breaks joined.</summary>
    public static string TextOf(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        // Inline tags are separate nodes (<sup>, then text, then </sup>): with one, the text of what the sanitizer keeps on the page.
        return InlineText.TryAppendWithoutHtml(text, inlines) ? text.ToString() : RawHtmlSanitizer.TextOf(HtmlOf(inlines!));
    }

    private static string HtmlOf(ContainerInline inlines)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        ArticleMarkdown.Pipeline.Setup(renderer);
        renderer.Render(inlines);
        return writer.ToString();
    }
}
