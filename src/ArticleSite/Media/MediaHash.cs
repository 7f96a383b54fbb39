using System.Security.Cryptography;

namespace ArticleSite.Media;

/// <summary>How a media file's bytes are named in its URL and validators: the first 16 bytes of their SHA-256, in lower-case hex.</summary>
internal static class MediaHash
{
    public static string Of(Stream bytes) => Named(SHA256.HashData(bytes));

    public static string Named(ReadOnlySpan<byte> sha256) => Convert.ToHexStringLower(sha256[..16]);
}
