using System.Buffers.Text;
using System.Security.Cryptography;

namespace ArticleSite.Rendering;

/// <summary>The bytes of a representation in one content coding, with their own strong ETag and ready-made header values.</summary>
public sealed class EncodedBody
{
    public EncodedBody(string mediaType, ContentCoding coding, byte[] bytes)
    {
        Coding = coding;
        Bytes = bytes;
        ETag = $"\"{Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 16))}\"";
        ContentEncoding = coding switch { ContentCoding.Brotli => "br", ContentCoding.Gzip => "gzip", _ => null };
        CacheKey = $"{mediaType};{coding}";
    }

    public ContentCoding Coding { get; }

    public byte[] Bytes { get; }

    /// <summary>A strong ETag: a hash of these very bytes, so each coding has its own and equal bytes always get equal tags.</summary>
    public string ETag { get; }

    /// <summary>The Content-Encoding header value; null for identity.</summary>
    public string? ContentEncoding { get; }

    /// <summary>What the output cache keys this body on: the negotiated outcome, not the request's header strings.</summary>
    public string CacheKey { get; }
}
