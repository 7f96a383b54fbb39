using System.Text;
using ArticleSite.Loading;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>The text a reader reads in a run of inlines, without its markup: a footnote reference as [1], an image as its alt text.</summary>
public static class ReaderText
{
    /// <param name="withUrls">Writes a link's URL after its text, in brackets, where it differs from the text (for the plain text form).</param>
    public static string Of(ContainerInline? inlines, bool withUrls)
    {
        var text = new StringBuilder();
        // Inline tags are separate nodes (<sup>, then text, then </sup>): with one, the text of what the sanitizer keeps on the page.
        return TryAppend(text, inlines, withUrls) ? text.ToString().Trim() : RawHtmlSanitizer.TextOf(HtmlOf(inlines!));
    }

    /// <summary>Appends the text of <paramref name="inline"/>; false, the text unfinished, at the first inline HTML tag.</summary>
    private static bool TryAppend(StringBuilder text, Inline? inline, bool withUrls)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case FootnoteLink { IsBackLink: false } footnote:
                text.Append('[').Append(footnote.Footnote.Order).Append(']');
                break;
            case FootnoteLink or TaskList:
                break;
            case HtmlInline:
                return false;
            case LinkInline { IsImage: false } link:
                var start = text.Length;
                if (!TryAppendChildren(text, link, withUrls))
                    return false;
                var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
                if (withUrls && !link.IsAutoLink && !string.IsNullOrEmpty(url) && !url.StartsWith('#')
                    && !text.ToString(start, text.Length - start).Trim().Equals(url, StringComparison.Ordinal))
                    text.Append(" (").Append(url).Append(')');
                break;
            case ContainerInline container:
                return TryAppendChildren(text, container, withUrls);
        }
        return true;
    }

    private static bool TryAppendChildren(StringBuilder text, ContainerInline container, bool withUrls)
    {
        foreach (var child in container)
        {
            if (!TryAppend(text, child, withUrls))
                return false;
        }
        return true;
    }

    private static string HtmlOf(ContainerInline inlines)
    {
        using var writer = new StringWriter();
        ArticleHtml.CreateRenderer(writer).Render(inlines);
        return writer.ToString();
    }
}
