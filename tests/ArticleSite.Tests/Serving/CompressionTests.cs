using System.IO.Compression;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>What the site sends compressed: small enough for one round trip, and cheap enough to make on any first request.</summary>
public sealed class CompressionTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    /// <summary>TCP's initial window: 10 segments.</summary>
    private const int OneRoundTrip = 14_336;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_page_sent_compressed_with_its_inline_CSS_is_at_most_14336_bytes(string coding)
    {
        var (encoding, bytes) = await GetAsync("/", coding);

        Assert.Equal(coding, encoding);
        Assert.InRange(bytes.Length, 1, OneRoundTrip);
    }

    /// <summary>
    /// Quality 5 makes an article's page in well under a millisecond; quality 11 took 30-100 ms, so a crawler's HEADs over
    /// a cold archive kept both cores busy (docs/benchmarks.md, Compression quality).
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/article.txt")]
    [InlineData("/article.json")]
    [InlineData("/feed.atom")]
    public async Task Brotli_bodies_are_the_identity_bytes_at_quality_5(string path)
    {
        var (_, identity) = await GetAsync(path, "identity");
        var (encoding, brotli) = await GetAsync(path, "br");

        var expected = new byte[BrotliEncoder.GetMaxCompressedLength(identity.Length)];
        Assert.True(BrotliEncoder.TryCompress(identity, expected, out var written, quality: 5, window: 22));
        Assert.Equal("br", encoding);
        Assert.Equal(expected[..written], brotli);
    }

    private async Task<(string? Encoding, byte[] Bytes)> GetAsync(string path, string coding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept-Encoding", coding } } };
        using var response = await site.CreateRawClient().SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return (response.Content.Headers.ContentEncoding.SingleOrDefault(), await response.Content.ReadAsByteArrayAsync(Cancel));
    }
}
