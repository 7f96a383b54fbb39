using System.Globalization;
using ArticleSite.Rendering;

namespace ArticleSite.Media;

/// <summary>
/// A smaller copy of a picture in a modern format, offered to browsers beside the original. Which copies a picture has
/// is a function of its bytes alone (format and size), never of what has been encoded yet, so every replica names the same.
/// </summary>
/// <param name="Width">The copy's width in pixels as shown; its height keeps the original's proportions.</param>
/// <param name="Format">AVIF or WebP.</param>
internal sealed record PictureVariant(MediaFile Original, int Width, MediaFormat Format)
{
    /// <summary>
    /// The widths copies are made at, where the original is wider: a phone's screen (480), a phone's at twice the density or
    /// a laptop's column (960), a wide screen's column at twice the density (1600). The article column is 39.5rem wide.
    /// </summary>
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];

    /// <summary>The formats, in the order a browser is offered them (and the page's &lt;source&gt; elements list them): the smallest first.</summary>
    public static readonly IReadOnlyList<MediaFormat> Formats = [MediaFormat.Avif, MediaFormat.WebP];

    /// <summary>
    /// The copies a picture gets: photos and drawings in JPEG or PNG wider than the smallest width. GIF (often animated),
    /// WebP and AVIF (already modern, possibly animated) and SVG (drawn at any size) are served as they are.
    /// </summary>
    public static IReadOnlyList<PictureVariant> Of(MediaFile file) =>
        (file.Format == MediaFormat.Jpeg || file.Format == MediaFormat.Png) && file is { Width: { } width, Height: > 0 }
            ? [.. Formats.SelectMany(format => Widths.Where(step => step < width).Select(step => new PictureVariant(file, step, format)))]
            : [];

    /// <summary>The copy of <paramref name="file"/> whose URL ends in <paramref name="name"/>; null when it has none of that name.</summary>
    public static PictureVariant? Find(MediaFile file, string name) =>
        Of(file).FirstOrDefault(variant => string.Equals(variant.UrlName, name, StringComparison.Ordinal));

    /// <summary>Its height in pixels, rounded as the encoder rounds it.</summary>
    public int Height => (int)Math.Round((double)Original.Height!.Value * Width / Original.Width!.Value, MidpointRounding.AwayFromZero);

    /// <summary>The name in its URL: the original's, with the width before the extension, e.g. summit-960.avif.</summary>
    public string UrlName => $"{Path.GetFileNameWithoutExtension(Original.UrlName)}-{Width.ToString(CultureInfo.InvariantCulture)}.{Format.Extension}";

    /// <summary>Its URL, beside the original's under the original's hash, e.g. /media/3f2a…/summit-960.avif.</summary>
    public string Url => SiteRoutes.Media(Original.Hash, UrlName);

    /// <summary>The name of its file in the cache: the original's hash, the width and the format, which are all its bytes depend on.</summary>
    public string CacheName => $"{Original.Hash}-{Width.ToString(CultureInfo.InvariantCulture)}.{Format.Extension}";
}
