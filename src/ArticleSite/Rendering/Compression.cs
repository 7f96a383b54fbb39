using System.IO.Compression;
using System.Numerics;

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

    /// <summary>
    /// For a body compressed again for each request, made for that one answer (a search's results): quality 0, with a
    /// window no larger than the body. Quality 5's hash tables and 4 MiB window are fresh mappings on every call
    /// (<see cref="CompressionMemory"/>), faulted in page by page: 4.0–6.1 ms of CPU for a 19 KB results page on a loaded
    /// machine, against 0.06 ms here, for 23 % more bytes (6,636 against 5,400: docs/benchmarks.md, Search at scale, against Pagefind).
    /// </summary>
    public static byte[] BrotliFastest(ReadOnlySpan<byte> body)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        var window = Math.Clamp(BitOperations.Log2((uint)Math.Max(body.Length, 1)) + 1, SmallestWindow, BrotliWindow);
        if (!BrotliEncoder.TryCompress(body, compressed, out var written, 0, window))
            throw new InvalidOperationException("Brotli could not compress a rendered body.");
        return compressed[..written];
    }

    /// <summary>Brotli's smallest window, 1 KiB.</summary>
    private const int SmallestWindow = 10;

    public static byte[] Gzip(ReadOnlySpan<byte> body) => Gzip(body, CompressionLevel.SmallestSize);

    /// <summary>For a body compressed again for each request, as <see cref="BrotliFastest"/>.</summary>
    public static byte[] GzipFastest(ReadOnlySpan<byte> body) => Gzip(body, CompressionLevel.Fastest);

    private static byte[] Gzip(ReadOnlySpan<byte> body, CompressionLevel level)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, level))
            gzip.Write(body);
        return compressed.ToArray();
    }
}
