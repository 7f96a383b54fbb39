using ArticleSite.Loading;
using ArticleSite.Media;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>An article's body as typed blocks of text, in reading order: the one reading of the syntax tree that the JSON and the plain text share.</summary>
internal static class ArticleBlocks
{
    /// <param name="withUrls">Writes each link's URL after its text (the plain text form); the JSON's text is the reader's alone.</param>
    /// <param name="words">The words of the article's language, which label its notes ("Hinweis"); English by default.</param>
    public static IReadOnlyList<ArticleBlock> Of(MarkdownDocument document, bool withUrls, PageWords? words = null) =>
        BlocksOf(document, withUrls, words ?? PageWords.For("en"));

    private static List<ArticleBlock> BlocksOf(ContainerBlock container, bool withUrls, PageWords words)
    {
        var blocks = new List<ArticleBlock>();
        foreach (var block in container)
            Add(blocks, block, withUrls, words);
        return blocks;
    }

    private static void Add(List<ArticleBlock> blocks, Block block, bool withUrls, PageWords words)
    {
        List<ArticleBlock> Children(ContainerBlock container) => BlocksOf(container, withUrls, words);
        switch (block)
        {
            case ContainerBlock note when NoteRenderer.KindOf(note) is { } kind:
                blocks.Add(new NoteBlockJson(kind, words[kind], Children(note)));
                break;
            case HeadingBlock heading when ReaderText.Of(heading.Inline, withUrls) is { Length: > 0 } text:
                blocks.Add(new HeadingBlockJson(heading.Level, text));
                break;
            case ParagraphBlock paragraph when ArticleFigure.ImageOf(paragraph) is { } image:
                var file = MediaReferences.FileOf(image);
                var source = file is null ? image.GetDynamicUrl?.Invoke() ?? image.Url ?? "" : SiteRoutes.Media(file);
                blocks.Add(new FigureBlockJson(source, InlineText.Of(image), ArticleFigure.CaptionOf(image), file?.Width, file?.Height));
                break;
            case ParagraphBlock paragraph when ReaderText.Of(paragraph.Inline, withUrls) is { Length: > 0 } text:
                blocks.Add(new ParagraphBlockJson(text));
                break;
            case HtmlBlock html when RawHtmlSanitizer.TextOf(html.Lines.ToString()) is { Length: > 0 } text:
                blocks.Add(new ParagraphBlockJson(text));
                break;
            case ListBlock list:
                blocks.Add(new ListBlockJson(
                    list.IsOrdered,
                    list.IsOrdered ? StartOf(list) : null,
                    [.. list.OfType<ListItemBlock>().Select(item => new ListItemJson(CheckedOf(item), Children(item)))]));
                break;
            case QuoteBlock quote:
                blocks.Add(new QuoteBlockJson(Children(quote)));
                break;
            case CodeBlock code:
                var language = (code as FencedCodeBlock)?.Info;
                blocks.Add(new CodeBlockJson(string.IsNullOrWhiteSpace(language) ? null : language, code.Lines.ToString()));
                break;
            case Table table:
                blocks.Add(TableOf(table, withUrls));
                break;
            case ThematicBreakBlock:
                blocks.Add(new RuleBlockJson());
                break;
            case FootnoteGroup notes:
                blocks.Add(new FootnotesBlockJson([.. notes.OfType<Footnote>().Select(note => new FootnoteJson(note.Order, Children(note)))]));
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case ContainerBlock container:
                foreach (var child in container)
                    Add(blocks, child, withUrls, words);
                break;
        }
    }

    /// <summary>The number of an ordered list's first item ("3." starts at 3), 1 where it cannot be read.</summary>
    private static int StartOf(ListBlock list) =>
        int.TryParse(list.OrderedStart, out var start) ? start : 1;

    /// <summary>True or false for a task list item ("- [x]", "- [ ]"), null for any other.</summary>
    private static bool? CheckedOf(ListItemBlock item) =>
        item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList task } ? task.Checked : null;

    private static TableBlockJson TableOf(Table table, bool withUrls)
    {
        var columns = Math.Max(table.ColumnDefinitions.Count, table.OfType<TableRow>().Select(row => row.Count).DefaultIfEmpty(0).Max());
        List<string> CellsOf(TableRow row) =>
            [.. Enumerable.Range(0, columns).Select(index => index < row.Count ? CellText((TableCell)row[index], withUrls) : "")];
        var rows = table.OfType<TableRow>().ToList();
        return new TableBlockJson(
            [.. Enumerable.Range(0, columns).Select(column => TableRenderer.AlignmentOf(table, column))],
            rows.FirstOrDefault(row => row.IsHeader) is { } header ? CellsOf(header) : [],
            [.. rows.Where(row => !row.IsHeader).Select(CellsOf)]);
    }

    private static string CellText(TableCell cell, bool withUrls) =>
        string.Join(' ', cell.OfType<LeafBlock>().Select(block => ReaderText.Of(block.Inline, withUrls)).Where(text => text.Length > 0));
}
