using ArticleSite.Loading;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace ArticleSite.Rendering;

/// <summary>
/// GitHub's alerts (<c>&gt; [!NOTE]</c>) and markdown-it's containers (<c>:::note</c>): a container named after an alert
/// (note, tip, important, warning, caution) is a note like it, labelled in the article's language, unless its text
/// opens with that label itself (V8's <c>:::note</c> then <c>**Note:** …</c>); any other (<c>:::table-wrapper</c>) is its
/// content in a plain block. The container's name is never written as a class: the
/// stylesheet knows none of them.
/// </summary>
internal sealed class NoteRenderer(PageWords words) : IMarkdownObjectRenderer
{
    private static readonly string[] Kinds = ["note", "tip", "important", "warning", "caution"];

    public bool Accept(RendererBase renderer, Type objectType) =>
        typeof(AlertBlock).IsAssignableFrom(objectType) || typeof(CustomContainer).IsAssignableFrom(objectType);

    public void Write(RendererBase renderer, MarkdownObject objectToRender) => Write((HtmlRenderer)renderer, (ContainerBlock)objectToRender);

    /// <summary>The kind of note an alert or container is ("note", "warning"…), the key of its label; null for any other block.</summary>
    public static string? KindOf(Block block)
    {
        var kind = block switch
        {
            AlertBlock alert => alert.Kind.ToString().ToLowerInvariant(),
            CustomContainer container => container.Info?.ToLowerInvariant(),
            _ => null,
        };
        return Kinds.Contains(kind) ? kind : null;
    }

    /// <summary>
    /// True when a note's text opens with its label and a colon ("Note: …", "Hinweis : …", "참고：…"), as authors of
    /// tools that show no label write it: the note then shows the author's label, not a second one.
    /// </summary>
    public static bool OpensWithLabel(string text, string label)
    {
        var opening = text.AsSpan().TrimStart();
        if (!opening.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            return false;
        var after = opening[label.Length..].TrimStart();
        return after.Length > 0 && after[0] is ':' or '\uFF1A';
    }

    private void Write(HtmlRenderer renderer, ContainerBlock block)
    {
        renderer.EnsureLine();
        if (KindOf(block) is { } kind)
        {
            renderer.Write("<div class=\"note\" role=\"note\">");
            if (block.FirstOrDefault() is not ParagraphBlock first || !OpensWithLabel(InlineText.Of(first.Inline), words[kind]))
                renderer.Write("<p><strong>").WriteEscape(words[kind]).Write("</strong></p>");
            renderer.WriteLine();
        }
        else
            renderer.WriteLine("<div>");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.WriteLine("</div>");
    }
}
