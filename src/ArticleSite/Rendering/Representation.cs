using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ArticleSite.Rendering;

/// <summary>One rendered form of the article: its final bytes, media type and strong entity tag.</summary>
public sealed class Representation(string contentType, byte[] body)
{
    public string ContentType { get; } = contentType;

    public byte[] Body { get; } = body;

    /// <summary>A strong ETag: a hash of the bytes, so equal bytes always get equal tags, across restarts and machines.</summary>
    public string ETag { get; } = $"\"{Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16))}\"";

    public static Representation FromText(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));
}
