using System.Text;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>The text a reader reads in a heading or paragraph, without its Markdown: for titles and summaries taken from the body, and for the plain text.</summary>
internal static class InlineText
{
    /// <summary>The text, the tags of any inline HTML left out.</summary>
    public static string Of(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines, stopAtHtml: false);
        return text.ToString().Trim();
    }

    /// <summary>Appends the text of <paramref name="inlines"/>; false, the text unfinished, at the first inline HTML tag.</summary>
    public static bool TryAppendWithoutHtml(StringBuilder text, ContainerInline? inlines) => Append(text, inlines, stopAtHtml: true);

    private static bool Append(StringBuilder text, Inline? inline, bool stopAtHtml)
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
            case HtmlInline:
                return !stopAtHtml;
            case ContainerInline container:
                foreach (var child in container)
                {
                    if (!Append(text, child, stopAtHtml))
                        return false;
                }
                break;
        }
        return true;
    }
}
