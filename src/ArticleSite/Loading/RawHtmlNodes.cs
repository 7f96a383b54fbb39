using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>The raw HTML of a parsed article: Markdig's HTML blocks and inline HTML tags.</summary>
internal static class RawHtmlNodes
{
    private static readonly object HoldsNoRawHtml = new();

    /// <summary>Notes on the document, once when it is parsed, that it holds no raw HTML: rendering then asks at no cost.</summary>
    public static void Note(MarkdownDocument document)
    {
        if (!document.Descendants().Any(node => node is HtmlBlock or HtmlInline))
            document.SetData(HoldsNoRawHtml, true);
    }

    /// <summary>
    /// False only for a document <see cref="Note"/> found without raw HTML: any other goes through the sanitizer,
    /// which is the only way raw HTML reaches a page.
    /// </summary>
    public static bool AnyIn(MarkdownDocument document) => document.GetData(HoldsNoRawHtml) is not true;

    /// <summary>Drops every HTML block with its content, and every inline tag alone (the text between tags stays).</summary>
    public static void Remove(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<HtmlBlock>().ToList())
            block.Parent?.Remove(block);
        foreach (var inline in document.Descendants<HtmlInline>().ToList())
            inline.Remove();
    }
}
