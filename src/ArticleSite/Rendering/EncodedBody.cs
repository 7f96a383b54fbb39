using System.Buffers.Text;
using System.IO.Hashing;

namespace ArticleSite.Rendering;

/// <summary>The bytes of a representation in one content coding, with their own strong ETag and ready-made header values.</summary>
internal sealed class EncodedBody
{
    private static long made;

    public EncodedBody(string mediaType, ContentCoding coding, byte[] bytes)
    {
        Coding = coding;
        Bytes = bytes;
        ETag = $"\"{Base64Url.EncodeToString(XxHash128.Hash(bytes))}\"";
        ContentEncoding = coding switch { ContentCoding.Brotli => "br", ContentCoding.Gzip => "gzip", _ => null };
        CacheKey = $"body-{Interlocked.Increment(ref made)}";
    }

    public ContentCoding Coding { get; }

    public byte[] Bytes { get; }

    /// <summary>
    /// A strong ETag: the 128-bit XXH3 hash of these very bytes, so each coding has its own and equal bytes always get equal tags.
    /// A validator needs no cryptographic hash, and this one keeps OpenSSL off the path of a page: it is loaded only to
    /// hash a media file (docs/benchmarks.md, What each change bought).
    /// </summary>
    public string ETag { get; }

    /// <summary>The Content-Encoding header value; null for identity.</summary>
    public string? ContentEncoding { get; }

    /// <summary>
    /// What the output cache keys this body on, unique to it. A body belongs to one rendering of one snapshot, so the key
    /// stands for the negotiated outcome (not the request's header strings) and for the snapshot at once.
    /// </summary>
    public string CacheKey { get; }
}
