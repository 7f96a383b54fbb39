using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders a heading whose text links to the heading itself, so each section can be shared by its URL. Levels follow
/// the page's outline: below the page's own h1, and never more than one deeper than the heading before (an author's
/// "###" straight after the title is an h2), as assistive technology and the Nu checker expect. One renderer per body.
/// </summary>
internal sealed class SelfLinkingHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    private int previousLevel = 1;

    protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
    {
        var level = Math.Clamp(heading.Level, 2, previousLevel + 1);
        previousLevel = level;
        var tag = $"h{level}";
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
