using ArticleSite.Loading;
using ArticleSite.Media;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders a paragraph that holds one image alone as a <c>&lt;figure&gt;</c>, the image's title as its
/// <c>&lt;figcaption&gt;</c>; every other paragraph as Markdig does. The one place an article's picture becomes HTML.
/// </summary>
/// <param name="images">Writes the picture itself, at its media URL with its size.</param>
internal sealed class FigureRenderer(ImageRenderer images) : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
    {
        if (!renderer.EnableHtmlForBlock || ArticleFigure.ImageOf(obj) is not { } image)
        {
            base.Write(renderer, obj);
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<figure>");
        images.WriteFigureImage(renderer, image);
        if (ArticleFigure.CaptionOf(image) is { } caption)
            renderer.Write("<figcaption>").WriteEscape(caption).Write("</figcaption>");
        renderer.WriteLine("</figure>");
    }
}
