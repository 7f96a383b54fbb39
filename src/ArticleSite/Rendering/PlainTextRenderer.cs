using System.Text;
using ArticleSite.Loading;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>Renders an article as plain text from its Markdown syntax tree: one block a line, blank lines between blocks.</summary>
public static class PlainTextRenderer
{
    public static string Render(Article article)
    {
        var metadata = article.Metadata;
        var blocks = new List<string> { metadata.Title, metadata.Summary, Byline(metadata) };
        blocks.AddRange(article.Document.Descendants<LeafBlock>().Where(IsText).Select(block => TextOf(block.Inline)));
        return string.Join("\n\n", blocks) + "\n";
    }

    /// <summary>
    /// The authors, date and credit line, as on the page: "By A and B · 1 November 2025 · Updated 2 November 2025 · Source:
    /// thefoxdaily.com, Latest World", each part only when the front matter gives it.
    /// </summary>
    public static string Byline(ArticleMetadata metadata) => string.Join(" · ", new[]
    {
        metadata.Byline,
        metadata.DisplayDate,
        metadata.Updated is { } updated ? $"Updated {updated.Display}" : null,
        metadata.Credit,
    }.OfType<string>());

    private static bool IsText(LeafBlock block) => block is HeadingBlock or ParagraphBlock && block.Inline is not null;

    /// <summary>The text a reader sees in a run of inlines, with markup removed and line breaks joined.</summary>
    public static string TextOf(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        Append(text, inlines);
        return text.ToString();
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
