using System.IO.Compression;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>The whole first view — HTML with its inline CSS — fits in one TCP round trip (10 segments, 14,336 bytes) compressed.</summary>
public sealed class PageSizeTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private const int OneRoundTrip = 14_336;

    [Fact]
    public async Task The_page_compressed_with_Brotli_and_with_gzip_is_at_most_14336_bytes()
    {
        var page = await site.CreateClient().GetByteArrayAsync("/", TestContext.Current.CancellationToken);

        var brotli = Compress(page, body => new BrotliStream(body, new BrotliCompressionOptions { Quality = 11 }));
        var gzip = Compress(page, body => new GZipStream(body, CompressionLevel.Optimal));
        Assert.InRange(brotli, 1, OneRoundTrip);
        Assert.InRange(gzip, 1, OneRoundTrip);
    }

    private static int Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        var output = new MemoryStream();
        using (var compressing = compressor(output))
            compressing.Write(bytes);
        return output.ToArray().Length;
    }
}
