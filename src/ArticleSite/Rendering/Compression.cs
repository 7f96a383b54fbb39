using System.IO.Compression;

namespace ArticleSite.Rendering;

/// <summary>Compresses a rendered body once, on the first request that accepts the coding, and never again while it is kept.</summary>
internal static class Compression
{
    /// <summary>
    /// Quality 5: an article's page in 0.3-0.4 ms, 16 % larger than at quality 11, which takes 30-100 ms and lets a
    /// crawler's HEADs over a cold archive keep every core busy (docs/benchmarks.md, Compression quality). Qualities 5 to 8
    /// give the same size; 10 and 11 cost 50 to 100 times more. The same for every body, so replicas send the same bytes.
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
