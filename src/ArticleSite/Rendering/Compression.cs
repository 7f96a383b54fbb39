using System.IO.Compression;

namespace ArticleSite.Rendering;

/// <summary>Compresses a rendered body once, on the first request that accepts the coding, and never again while it is kept.</summary>
internal static class Compression
{
    /// <summary>
    /// Quality 5: as small as 8, a sixth larger than 11, and 50 to 100 times cheaper than 10 and 11, whose cost let a
    /// crawler's HEADs over a cold archive keep every core busy (docs/benchmarks.md, Compression quality). The same for
    /// every body, so replicas send the same bytes.
    /// </summary>
    private const int BrotliQuality = 5;

    private const int BrotliWindow = 22;

    public static byte[] Brotli(ReadOnlySpan<byte> body)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        if (!BrotliEncoder.TryCompress(body, compressed, out var written, BrotliQuality, BrotliWindow))
            throw new InvalidOperationException("Brotli could not compress a rendered body.");
        return compressed[..written];
    }

    public static byte[] Gzip(ReadOnlySpan<byte> body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
            gzip.Write(body);
        return compressed.ToArray();
    }
}
