using System.IO.Compression;
using ArticleSite.Operations;

namespace ArticleSite.Rendering;

/// <summary>Compresses a rendered body once, at the highest quality, since the cost is paid at render time and never per request.</summary>
public static class Compression
{
    private const int BrotliQuality = 11;

    private const int BrotliWindow = 22;

    public static byte[] Brotli(ReadOnlySpan<byte> body)
    {
        SiteMetrics.Compressed("br");
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        if (!BrotliEncoder.TryCompress(body, compressed, out var written, BrotliQuality, BrotliWindow))
            throw new InvalidOperationException("Brotli could not compress a rendered body.");
        return compressed[..written];
    }

    public static byte[] Gzip(ReadOnlySpan<byte> body)
    {
        SiteMetrics.Compressed("gzip");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
            gzip.Write(body);
        return compressed.ToArray();
    }
}
