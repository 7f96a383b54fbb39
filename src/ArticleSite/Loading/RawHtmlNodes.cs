using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>The raw HTML of a parsed article: Markdig's HTML blocks and inline HTML tags.</summary>
public static class RawHtmlNodes
{
    /// <summary>True when the article holds raw HTML, which only the sanitizer may let onto a page.</summary>
    public static bool AnyIn(MarkdownObject markdown) =>
        markdown.Descendants<HtmlBlock>().Any() || markdown.Descendants<HtmlInline>().Any();

    /// <summary>Drops every HTML block with its content, and every inline tag alone (the text between tags stays).</summary>
    public static void Remove(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<HtmlBlock>().ToList())
            block.Parent?.Remove(block);
        foreach (var inline in document.Descendants<HtmlInline>().ToList())
            inline.Remove();
    }
}
