using ArticleSite.Loading;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders an article as plain text, as a person would type it in a plain-text email: blank lines between blocks,
/// "- " or the number before list items (nested ones indented), "> " before quoted lines, code indented by four spaces,
/// tables as aligned columns, footnote references as [1] with the notes at the end, a figure as [Image: alt — caption],
/// a note as a quotation under its label in the article's language ("> [Warnung]") unless its text opens with it,
/// and a link's URL in brackets after its text where the two differ.
/// </summary>
internal static class PlainTextRenderer
{
    public static string Render(ParsedArticle article)
    {
        var metadata = article.Metadata;
        var blocks = new List<string> { metadata.Title, metadata.Summary, Byline(metadata) };
        blocks.AddRange(ArticleBlocks.Of(article.Document, withUrls: true, PageWords.For(metadata.Language ?? SiteIdentity.Default.Language)).Select(Format));
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
        var words = PageWords.For(metadata.Language ?? SiteIdentity.Default.Language);
        return string.Join(" · ", new[]
        {
            words.Byline(metadata.Authors),
            words.Date(metadata.Date),
            metadata.Updated is { } updated ? $"{words["updated"]} {words.Date(updated)}" : null,
            words.Credit(metadata.Source, metadata.Section),
        }.OfType<string>());
    }

    /// <summary>The body's text alone, without the links' URLs: what the search index reads.</summary>
    public static string BodyText(ParsedArticle article) =>
        string.Join("\n\n", ArticleBlocks.Of(article.Document, withUrls: false).Select(Format));

    /// <summary>The text a reader sees in a run of inlines, with markup removed and line breaks joined.</summary>
    public static string TextOf(ContainerInline? inlines) => ReaderText.Of(inlines, withUrls: false);

    private static string Format(ArticleBlock block) => block switch
    {
        HeadingBlockJson heading => heading.Text,
        ParagraphBlockJson paragraph => paragraph.Text,
        ListBlockJson list => string.Join('\n', list.Items.Select((item, index) => Item(
            (list.Ordered ? $"{(list.Start ?? 1) + index}. " : "- ") + item.Checked switch { true => "[x] ", false => "[ ] ", null => "" },
            item.Blocks))),
        QuoteBlockJson quote => Prefix(string.Join("\n\n", quote.Blocks.Select(Format)), "> ", "> "),
        NoteBlockJson note => Prefix(string.Join("\n\n", note.Blocks is [ParagraphBlockJson first, ..] && NoteRenderer.OpensWithLabel(first.Text, note.Label)
            ? note.Blocks.Select(Format) : note.Blocks.Select(Format).Prepend($"[{note.Label}]")), "> ", "> "),
        CodeBlockJson code => Prefix(code.Text, "    ", "    "),
        TableBlockJson table => Columns(table),
        FigureBlockJson figure => $"[Image: {string.Join(" — ", new[] { figure.Alt, figure.Caption }.Where(part => !string.IsNullOrWhiteSpace(part)))}]",
        FootnotesBlockJson notes => string.Join("\n\n", notes.Notes.Select(note => Item($"[{note.Number}] ", note.Blocks))),
        RuleBlockJson => "* * *",
        _ => "",
    };

    /// <summary>A list item or a note: its marker, then its blocks, the lines after the first indented under the text.</summary>
    private static string Item(string marker, IReadOnlyList<ArticleBlock> blocks) =>
        Prefix(string.Join('\n', blocks.Select(Format)), marker, new string(' ', marker.Length));

    /// <summary>Puts <paramref name="first"/> before the first line and <paramref name="rest"/> before each other line that is not empty.</summary>
    private static string Prefix(string text, string first, string rest) =>
        string.Join('\n', text.Split('\n').Select((line, index) =>
            index == 0 ? (first + line).TrimEnd() : line.Length == 0 ? rest.TrimEnd() : rest + line));

    /// <summary>The table as columns two spaces apart, each cell aligned as its column is, a line of dashes under the header.</summary>
    private static string Columns(TableBlockJson table)
    {
        var rows = table.Rows.Prepend(table.Header).Where(row => row.Count > 0).ToList();
        var widths = table.Align.Select((_, column) => rows.Max(row => column < row.Count ? row[column].Length : 0)).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", widths.Select((width, column) =>
            Align(column < cells.Count ? cells[column] : "", width, table.Align[column]))).TrimEnd();
        var lines = new List<string>();
        if (table.Header.Count > 0)
        {
            lines.Add(Line(table.Header));
            lines.Add(string.Join("  ", widths.Select(width => new string('-', Math.Max(width, 1)))));
        }
        lines.AddRange(table.Rows.Select(Line));
        return string.Join('\n', lines);
    }

    private static string Align(string text, int width, string? alignment) => alignment switch
    {
        "right" => text.PadLeft(width),
        "center" => text.PadLeft((width + text.Length) / 2).PadRight(width),
        _ => text.PadRight(width),
    };
}
