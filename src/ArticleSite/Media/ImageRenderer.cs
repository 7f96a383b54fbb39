using System.Globalization;
using ArticleSite.Loading;
using ArticleSite.Rendering;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Media;

/// <summary>
/// Renders an article's images and links to its media files at their served URLs (<see cref="SiteRoutes.Media"/>).
/// Each picture carries its size as shown, so nothing on the page moves while it loads, and is decoded off the main
/// thread; every picture but the first, which is likely on the first screen, loads only as the reader nears it. A picture
/// with variants (<see cref="PictureVariant"/>) is a <c>&lt;picture&gt;</c> offering them as AVIF and WebP at each width,
/// the browser choosing by format and by the width the column needs, the original in its <c>&lt;img&gt;</c>. Links and images to anything else render as Markdig renders them. One instance renders one body.
/// </summary>
internal sealed class ImageRenderer(ResolvedMedia media) : LinkInlineRenderer
{
    /// <summary>The width a picture is shown at: the article column's (site.css), less its padding on narrow screens.</summary>
    private const string Sizes = "(max-width: 42rem) calc(100vw - 2.5rem), 39.5rem";

    private bool firstPictureWritten;

    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!renderer.EnableHtmlForInline || media.FileFor(link.Url) is not { } file)
        {
            base.Write(renderer, link);
            return;
        }

        if (!link.IsImage)
        {
            renderer.Write("<a href=\"").WriteEscapeUrl(SiteRoutes.Media(file)).Write('"');
            WriteTitle(renderer, link);
            renderer.Write('>');
            renderer.WriteChildren(link);
            renderer.Write("</a>");
            return;
        }

        WriteImage(renderer, link, file, withTitle: true);
    }

    /// <summary>
    /// A figure's picture: at its file's URL with its size when it is one of the article's files, else at its own URL;
    /// without a title, which the figure's caption shows.
    /// </summary>
    public void WriteFigureImage(HtmlRenderer renderer, LinkInline image)
    {
        if (media.FileFor(image.Url) is { } file)
        {
            WriteImage(renderer, image, file, withTitle: false);
            return;
        }
        renderer.Write("<img src=\"").WriteEscapeUrl(image.GetDynamicUrl?.Invoke() ?? image.Url).Write("\" alt=\"").WriteEscape(InlineText.Of(image)).Write("\">");
    }

    private void WriteImage(HtmlRenderer renderer, LinkInline link, MediaFile file, bool withTitle)
    {
        var variants = PictureVariant.Of(file);
        if (variants.Count > 0)
        {
            renderer.Write("<picture>");
            foreach (var format in PictureVariant.Formats)
                WriteSource(renderer, format, variants.Where(variant => variant.Format == format));
        }
        renderer.Write("<img src=\"").WriteEscapeUrl(SiteRoutes.Media(file)).Write("\" alt=\"");
        renderer.EnableHtmlForInline = false;
        renderer.WriteChildren(link);
        renderer.EnableHtmlForInline = true;
        renderer.Write('"');
        if (withTitle)
            WriteTitle(renderer, link);
        if (file is { Width: { } width, Height: { } height })
            renderer.Write(" width=\"").Write(width.ToString(CultureInfo.InvariantCulture)).Write("\" height=\"").Write(height.ToString(CultureInfo.InvariantCulture)).Write('"');
        renderer.Write(" decoding=\"async\"");
        if (firstPictureWritten)
            renderer.Write(" loading=\"lazy\"");
        firstPictureWritten = true;
        renderer.Write(" />");
        if (variants.Count > 0)
            renderer.Write("</picture>");
    }

    private static void WriteSource(HtmlRenderer renderer, MediaFormat format, IEnumerable<PictureVariant> variants)
    {
        renderer.Write("<source type=\"").Write(format.ContentType).Write("\" srcset=\"");
        var first = true;
        foreach (var variant in variants)
        {
            if (!first)
                renderer.Write(", ");
            first = false;
            renderer.WriteEscapeUrl(variant.Url).Write(' ').Write(variant.Width.ToString(CultureInfo.InvariantCulture)).Write('w');
        }
        renderer.Write("\" sizes=\"").Write(Sizes).Write("\">");
    }

    private static void WriteTitle(HtmlRenderer renderer, LinkInline link)
    {
        if (string.IsNullOrEmpty(link.Title))
            return;
        renderer.Write(" title=\"").WriteEscape(link.Title).Write('"');
    }
}
