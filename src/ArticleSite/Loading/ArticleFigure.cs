using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>An image alone in its paragraph: the site publishes it as a figure, the image's title as its caption.</summary>
internal static class ArticleFigure
{
    /// <summary>The paragraph's one image, when nothing but white space stands beside it; otherwise null.</summary>
    public static LinkInline? ImageOf(ParagraphBlock paragraph)
    {
        LinkInline? image = null;
        for (var inline = paragraph.Inline?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline is LinkInline { IsImage: true } found && image is null)
                image = found;
            else if (!(inline is LiteralInline literal && literal.Content.IsEmptyOrWhitespace()) && inline is not LineBreakInline)
                return null;
        }
        return image;
    }

    /// <summary>The caption and credit under the picture: the image's title, as the author wrote it.</summary>
    public static string? CaptionOf(LinkInline image) => string.IsNullOrWhiteSpace(image.Title) ? null : image.Title.Trim();
}
