using System.Net;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Range and If-Range (RFC 9110 §14) on the text, Markdown and JSON forms.</summary>
public sealed class RangeTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Paths => ["/article.txt", "/article.md", "/article.json"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_byte_range_gets_206_with_exactly_those_bytes(string path)
    {
        var client = site.CreateRawClient();
        var whole = await client.GetByteArrayAsync(path, Cancel);

        // Twice: a cached 200 must not answer a Range request.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.SendAsync(path, ("Range", "bytes=5-14"));

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes 5-14/{whole.Length}", response.HeaderOf("Content-Range"));
            Assert.Equal(10, response.Content.Headers.ContentLength);
            Assert.Equal(whole[5..15], await response.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_suffix_range_gets_the_last_bytes(string path)
    {
        var client = site.CreateRawClient();
        var whole = await client.GetByteArrayAsync(path, Cancel);

        using var response = await client.SendAsync(path, ("Range", "bytes=-10"));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {whole.Length - 10}-{whole.Length - 1}/{whole.Length}", response.HeaderOf("Content-Range"));
        Assert.Equal(whole[^10..], await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task An_open_range_runs_to_the_end()
    {
        var client = site.CreateRawClient();
        var whole = await client.GetByteArrayAsync("/article.txt", Cancel);

        using var response = await client.SendAsync("/article.txt", ("Range", $"bytes={whole.Length - 3}-"));

        Assert.Equal(whole[^3..], await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("bytes=999999-")]
    [InlineData("bytes=-0")]
    public async Task An_unsatisfiable_range_gets_416_with_the_length(string range)
    {
        var client = site.CreateRawClient();
        var whole = await client.GetByteArrayAsync("/article.md", Cancel);

        using var response = await client.SendAsync("/article.md", ("Range", range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{whole.Length}", response.HeaderOf("Content-Range"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task If_Range_with_the_current_ETag_gets_the_part_and_with_another_or_a_date_the_whole()
    {
        var client = site.CreateRawClient();
        using var whole = await client.SendAsync("/article.json");
        var length = (await whole.Content.ReadAsByteArrayAsync(Cancel)).Length;

        using var current = await client.SendAsync("/article.json", ("Range", "bytes=0-9"), ("If-Range", whole.Headers.ETag!.Tag));
        using var changed = await client.SendAsync("/article.json", ("Range", "bytes=0-9"), ("If-Range", "\"changed\""));
        // The site sends no Last-Modified: a date is never a strong validator of its bytes (RFC 9110 §13.1.5).
        using var dated = await client.SendAsync("/article.json", ("Range", "bytes=0-9"), ("If-Range", DateTimeOffset.UtcNow.ToString("R")));

        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(length, (await changed.Content.ReadAsByteArrayAsync(Cancel)).Length);
        Assert.Equal(HttpStatusCode.OK, dated.StatusCode);
        Assert.Equal(length, (await dated.Content.ReadAsByteArrayAsync(Cancel)).Length);
    }

    [Fact]
    public async Task A_range_applies_to_the_compressed_bytes_the_client_asked_for()
    {
        var client = site.CreateRawClient();
        using var whole = await client.SendAsync("/article.txt", ("Accept-Encoding", "gzip"));
        var gzip = await whole.Content.ReadAsByteArrayAsync(Cancel);

        using var part = await client.SendAsync("/article.txt", ("Accept-Encoding", "gzip"), ("Range", "bytes=0-9"));

        Assert.Equal("gzip", part.ContentEncoding());
        Assert.Equal(gzip[..10], await part.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task HEAD_ignores_Range_and_mirrors_the_whole_GET()
    {
        var client = site.CreateRawClient();
        using var get = await client.SendAsync("/article.txt");

        using var head = await client.SendAsync(HttpMethod.Head, "/article.txt", ("Range", "bytes=0-9"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }
}
