using System.Text;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>The text a reader reads in a heading or paragraph, without its Markdown: for titles and summaries taken from the body.</summary>
public static class InlineText
{
    public static string Of(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines);
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, Inline? inline)
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
            case ContainerInline container:
                foreach (var child in container)
                    Append(text, child);
                break;
        }
    }
}
