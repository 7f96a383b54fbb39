using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>Renders a heading whose text links to the heading itself, so each section can be shared by its URL.</summary>
public sealed class SelfLinkingHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
    {
        var tag = $"h{heading.Level}";
        var id = heading.TryGetAttributes()?.Id;
        // A heading that already holds a link cannot be wrapped in another one.
        var linkable = id is not null && heading.Inline?.Descendants<LinkInline>().Any() != true;

        renderer.Write('<').Write(tag).WriteAttributes(heading).Write('>');
        if (linkable)
            renderer.Write("<a href=\"#").WriteEscapeUrl(id).Write("\">");
        renderer.WriteLeafInline(heading);
        if (linkable)
            renderer.Write("</a>");
        renderer.Write("</").Write(tag).WriteLine(">");
    }
}
