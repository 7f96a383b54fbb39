using ArticleSite.Loading;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders a paragraph that holds one image alone as a <c>&lt;figure&gt;</c>, the image's title as its
/// <c>&lt;figcaption&gt;</c>; every other paragraph as Markdig does. The one place an article's picture becomes HTML.
/// </summary>
public sealed class FigureRenderer : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
    {
        if (!renderer.EnableHtmlForBlock || ArticleFigure.ImageOf(obj) is not { } image)
        {
            base.Write(renderer, obj);
            return;
        }
        var source = image.GetDynamicUrl?.Invoke() ?? image.Url;
        renderer.EnsureLine();
        renderer.Write("<figure>");
        renderer.Write("<img src=\"").WriteEscapeUrl(source).Write("\" alt=\"").WriteEscape(InlineText.Of(image)).Write("\">");
        if (ArticleFigure.CaptionOf(image) is { } caption)
            renderer.Write("<figcaption>").WriteEscape(caption).Write("</figcaption>");
        renderer.WriteLine("</figure>");
    }
}
