using System.IO.Compression;

namespace ArticleSite.Rendering;

/// <summary>The compressed variants of a rendered body, made once at the highest quality since they are served many times.</summary>
public static class Compression
{
    public static byte[] Brotli(ReadOnlySpan<byte> body)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        if (!BrotliEncoder.TryCompress(body, output, out var written, quality: 11, window: 24))
            throw new InvalidOperationException("Brotli compression did not fit its maximum compressed length.");
        return output[..written];
    }

    public static byte[] Gzip(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(body);
        return output.ToArray();
    }
}
