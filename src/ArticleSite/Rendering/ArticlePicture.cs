using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The picture that stands for an article in link previews and search results (og:image, the Twitter card, JSON-LD).</summary>
/// <param name="Url">Absolute: previews are fetched from other sites.</param>
public sealed record ArticlePicture(string Url, int? Width, int? Height)
{
    /// <summary>The front matter's <c>image</c> (a file beside the article, or an http(s) URL), else the body's first picture; null when there is none.</summary>
    public static ArticlePicture? Of(Article article, string origin)
    {
        var image = article.Metadata.Image;
        if (image is not null && Uri.TryCreate(image, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            return new ArticlePicture(url.AbsoluteUri, null, null);
        return article.Metadata.Media.FirstPicture is { } file ? new ArticlePicture(origin + SiteRoutes.Media(file), file.Width, file.Height) : null;
    }
}
