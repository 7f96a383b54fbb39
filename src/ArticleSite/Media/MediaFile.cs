namespace ArticleSite.Media;

/// <summary>
/// A media file an article refers to, as it was when the article was read: where it is, what its bytes are (by format
/// and hash) and, for a picture, its size as shown. Its URL carries the hash, so a replaced file gets a new URL.
/// </summary>
/// <param name="Reference">The URL as the article writes it, e.g. "images/summit.jpg".</param>
/// <param name="RelativePath">The file's path relative to the content folder, with '/' separators.</param>
/// <param name="Hash">The first 128 bits of the bytes' SHA-256, in lowercase hexadecimal.</param>
public sealed record MediaFile(
    string Reference,
    string FullPath,
    string RelativePath,
    MediaFormat Format,
    string Hash,
    long Length,
    DateTime LastWriteUtc,
    int? Width,
    int? Height)
{
    /// <summary>The file's name in its URL: the source name's letters and digits (lowercased), then the extension of its format.</summary>
    public string UrlName
    {
        get
        {
            var stem = Path.GetFileNameWithoutExtension(RelativePath).ToLowerInvariant();
            var name = string.Concat(stem.Select(character => char.IsAsciiLetterOrDigit(character) ? character : '-')).Trim('-');
            return $"{(name.Length is > 0 and <= 80 ? name : "file")}.{Format.Extension}";
        }
    }

    /// <summary>The strong validator of the bytes: their hash.</summary>
    public string ETag => $"\"{Hash}\"";
}

/// <summary>A file an article's media reference looked at, found or not: when it changes, appears or goes, the article is read again.</summary>
/// <param name="Length">-1 when nothing was there.</param>
public readonly record struct MediaStamp(string FullPath, long Length, DateTime LastWriteUtc);
