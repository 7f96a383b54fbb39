using ArticleSite.Loading;

namespace ArticleSite.Media;

/// <summary>
/// A media file an article refers to, as it was when the article was read: where it is, what its bytes are (by format
/// and hash) and, for a picture, its size as shown. Its URL carries the hash, so a replaced file gets a new URL.
/// </summary>
/// <param name="Reference">The URL as the article writes it, e.g. "images/summit.jpg".</param>
/// <param name="RelativePath">The file's path relative to the content folder, with '/' separators.</param>
/// <param name="Hash">The first 128 bits of the bytes' SHA-256, in lowercase hexadecimal.</param>
/// <param name="Stamp">The file as it was when its bytes were hashed: served from the folder only while it is unchanged.</param>
public sealed record MediaFile(
    string Reference,
    string RelativePath,
    MediaFormat Format,
    string Hash,
    FileStamp Stamp,
    int? Width,
    int? Height)
{
    public string FullPath => Stamp.FullPath;

    public long Length => Stamp.Size;

    /// <summary>The file's name in its URL: the file name's letters and digits (lowercased), then the extension of its format.</summary>
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
