using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders a pipe table in a box of its own that scrolls sideways on a narrow screen (the page never does), keyboard
/// focusable as a scrolling region must be; each column's alignment as a class, since the CSP refuses style attributes.
/// </summary>
internal sealed class TableRenderer : HtmlObjectRenderer<Table>
{
    protected override void Write(HtmlRenderer renderer, Table table)
    {
        renderer.EnsureLine();
        renderer.WriteLine("<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">");
        renderer.WriteLine("<table>");
        var header = table.OfType<TableRow>().Where(row => row.IsHeader).ToList();
        var body = table.OfType<TableRow>().Where(row => !row.IsHeader).ToList();
        if (header.Count > 0)
            WriteRows(renderer, table, header, "thead", "th");
        if (body.Count > 0)
            WriteRows(renderer, table, body, "tbody", "td");
        renderer.WriteLine("</table>");
        renderer.WriteLine("</div>");
    }

    private static void WriteRows(HtmlRenderer renderer, Table table, List<TableRow> rows, string group, string cellTag)
    {
        renderer.Write('<').Write(group).WriteLine('>');
        foreach (var row in rows)
        {
            renderer.Write("<tr>");
            for (var index = 0; index < row.Count; index++)
            {
                var cell = (TableCell)row[index];
                renderer.Write('<').Write(cellTag);
                if (cellTag == "th")
                    renderer.Write(" scope=\"col\"");
                if (AlignmentOf(table, cell.ColumnIndex < 0 ? index : cell.ColumnIndex) is { } alignment)
                    renderer.Write(" class=\"align-").Write(alignment).Write('"');
                renderer.Write('>');
                var implicitParagraph = renderer.ImplicitParagraph;
                renderer.ImplicitParagraph = true;
                renderer.Write(cell);
                renderer.ImplicitParagraph = implicitParagraph;
                renderer.Write("</").Write(cellTag).Write('>');
            }
            renderer.WriteLine("</tr>");
        }
        renderer.Write("</").Write(group).WriteLine('>');
    }

    /// <summary>"left", "center" or "right" as the delimiter row sets the column; null where it sets none.</summary>
    public static string? AlignmentOf(Table table, int column) =>
        column < table.ColumnDefinitions.Count ? table.ColumnDefinitions[column].Alignment switch
        {
            TableColumnAlign.Left => "left",
            TableColumnAlign.Center => "center",
            TableColumnAlign.Right => "right",
            _ => null,
        } : null;
}
