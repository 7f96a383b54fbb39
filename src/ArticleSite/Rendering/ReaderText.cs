using System.Net;
using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>The text a reader reads in a run of inlines, without its markup: a footnote reference as [1], an image as its alt text.</summary>
internal static class ReaderText
{
    /// <param name="withUrls">Writes a link's URL after its text, in brackets, where it differs from the text (for the plain text form).</param>
    public static string Of(ContainerInline? inlines, bool withUrls)
    {
        var text = new Writer(withUrls, Html: false);
        if (text.TryAppend(inlines))
            return text.ToString().Trim();
        // Inline tags are separate nodes (<sup>, then text, then </sup>): with one, the text is written as HTML around
        // them, and what the sanitizer keeps of that HTML is what the page shows.
        var html = new Writer(withUrls, Html: true);
        html.TryAppend(inlines);
        return RawHtmlSanitizer.TextOf(html.ToString());
    }

    private sealed record Writer(bool WithUrls, bool Html)
    {
        private readonly StringBuilder text = new();

        public override string ToString() => text.ToString();

        private void Append(string? value) => text.Append(Html ? WebUtility.HtmlEncode(value) : value);

        /// <summary>Appends the text of <paramref name="inline"/>; false, the text unfinished, at the first inline HTML tag unless writing HTML.</summary>
        public bool TryAppend(Inline? inline)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    Append(" ");
                    break;
                case FootnoteLink { IsBackLink: false } footnote:
                    Append($"[{footnote.Footnote.Order}]");
                    break;
                case FootnoteLink or TaskList:
                    break;
                case HtmlInline tag when Html:
                    text.Append(tag.Tag);
                    break;
                case HtmlInline:
                    return false;
                case LinkInline { IsImage: false } link:
                    var start = text.Length;
                    if (!TryAppendChildren(link))
                        return false;
                    var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
                    if (WithUrls && !link.IsAutoLink && !string.IsNullOrEmpty(url) && !url.StartsWith('#')
                        && !text.ToString(start, text.Length - start).Trim().Equals(Html ? WebUtility.HtmlEncode(url) : url, StringComparison.Ordinal))
                        Append($" ({WithoutWhiteSpace(url)})");
                    break;
                case ContainerInline container:
                    return TryAppendChildren(container);
            }
            return true;
        }

        private bool TryAppendChildren(ContainerInline container)
        {
            foreach (var child in container)
            {
                if (!TryAppend(child))
                    return false;
            }
            return true;
        }
    }

    /// <summary>The URL with any white space in it percent-encoded, as the page's link has it, so that it stays one word a mail program can follow.</summary>
    private static string WithoutWhiteSpace(string url) =>
        url.Any(char.IsWhiteSpace) ? string.Concat(url.Select(character => char.IsWhiteSpace(character) ? Uri.EscapeDataString(character.ToString()) : character.ToString())) : url;
}
