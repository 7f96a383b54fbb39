using System.Net;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ArticleSite.Tests;

/// <summary>Content negotiation on Accept and Accept-Encoding, over the real socket, first from the endpoint and then from the output cache.</summary>
public sealed class NegotiationTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AcceptedTypes => new()
    {
        { "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "text/html" },
        { "*/*", "text/html" },
        { "text/plain", "text/plain" },
        { "text/markdown", "text/markdown" },
        { "application/json", "application/json" },
        { "text/html;q=0, text/plain", "text/plain" },
        { "text/html;q=0.5, application/json;q=0.9", "application/json" },
        { "text/*;q=0.3, text/markdown", "text/markdown" },
        { "application/*", "application/json" },
    };

    [Theory]
    [MemberData(nameof(AcceptedTypes))]
    public async Task The_home_page_serves_the_type_the_client_prefers_and_varies_on_Accept(string accept, string mediaType)
    {
        var client = site.CreateRawClient();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.SendAsync("/", ("Accept", accept));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Accept, Accept-Encoding", response.HeaderOf("Vary"));
        }
    }

    [Fact]
    public async Task Each_negotiated_form_of_the_home_page_is_the_same_bytes_as_its_own_URL()
    {
        var client = site.CreateRawClient();
        foreach (var (accept, path) in new[] { ("text/plain", "/article.txt"), ("text/markdown", "/article.md"), ("application/json", "/article.json") })
        {
            using var negotiated = await client.SendAsync("/", ("Accept", accept));
            using var direct = await client.SendAsync(path);

            Assert.Equal(await direct.Content.ReadAsByteArrayAsync(Cancel), await negotiated.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal(direct.Headers.ETag, negotiated.Headers.ETag);
            Assert.Equal("Accept-Encoding", direct.HeaderOf("Vary"));
        }
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/html;q=0, text/plain;q=0, text/markdown;q=0, application/json;q=0")]
    public async Task An_Accept_that_nothing_satisfies_gets_406_listing_the_types_on_offer(string accept)
    {
        using var response = await site.CreateRawClient().SendAsync("/", ("Accept", accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("Accept, Accept-Encoding", response.HeaderOf("Vary"));
        Assert.Equal(
            "406 Not Acceptable\nAvailable: text/html, text/plain, text/markdown, application/json\nEncodings: br, gzip, identity\n",
            await response.Content.ReadAsStringAsync(Cancel));
    }

    public static TheoryData<string?, string?> AcceptedEncodings => new()
    {
        { null, null },
        { "", null },
        { "gzip, deflate, br, zstd", "br" },
        { "br;q=0, gzip", "gzip" },
        { "gzip;q=0.5, br;q=0.4", "gzip" },
        { "identity", null },
        { "identity;q=0, gzip", "gzip" },
        { "*", "br" },
        { "*;q=0, identity", null },
        { "compress, deflate", null },
    };

    [Theory]
    [MemberData(nameof(AcceptedEncodings))]
    public async Task Accept_Encoding_with_q_values_chooses_the_stored_coding(string? acceptEncoding, string? expected)
    {
        var client = site.CreateRawClient();
        var identity = await client.GetByteArrayAsync("/article.txt", Cancel);
        (string, string)[] headers = acceptEncoding is null ? [] : [("Accept-Encoding", acceptEncoding)];

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.SendAsync("/article.txt", headers);
            var body = await response.Content.ReadAsByteArrayAsync(Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.ContentEncoding());
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal("Accept-Encoding", response.HeaderOf("Vary"));
            Assert.Equal(identity, Requests.Decode(expected, body));
        }
    }

    [Theory]
    [InlineData("identity;q=0")]
    [InlineData("*;q=0")]
    public async Task Excluding_every_coding_gets_406(string acceptEncoding)
    {
        using var response = await site.CreateRawClient().SendAsync("/article.txt", ("Accept-Encoding", acceptEncoding));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Each_coding_has_its_own_strong_ETag()
    {
        var client = site.CreateRawClient();
        var tags = new List<string>();
        foreach (var coding in new[] { "identity", "br", "gzip" })
        {
            using var response = await client.SendAsync("/article.txt", ("Accept-Encoding", coding));
            Assert.False(response.Headers.ETag!.IsWeak);
            tags.Add(response.Headers.ETag.Tag);
        }

        Assert.Equal(3, tags.Distinct().Count());
    }

    [Fact]
    public async Task Browsers_with_different_Accept_strings_share_one_cache_entry()
    {
        var client = site.CreateRawClient();
        using var first = await client.SendAsync("/", ("Accept", "text/html,*/*;q=0.8"), ("Accept-Encoding", "gzip, br"));
        var hitsBefore = site.CacheStore.Hits;

        using var second = await client.SendAsync("/", ("Accept", "text/html,application/xhtml+xml,*/*;q=0.9"), ("Accept-Encoding", "br, gzip, zstd"));

        Assert.Equal(hitsBefore + 1, site.CacheStore.Hits);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("br", second.ContentEncoding());
    }

    [Fact]
    public async Task Every_stored_body_decompresses_to_its_identity_bytes()
    {
        var rendered = await site.Services.GetRequiredService<SitePublisher>().Current.ForOriginAsync("http://127.0.0.1");
        var metrics = site.Services.GetRequiredService<SiteMetrics>();

        foreach (var representation in (await rendered.RenderAllAsync()).SelectMany(entry => entry.Resource.Representations))
        {
            Assert.Equal(representation.Body, Requests.Decode("br", (await representation.InAsync(ContentCoding.Brotli, metrics)).Bytes));
            Assert.Equal(representation.Body, Requests.Decode("gzip", (await representation.InAsync(ContentCoding.Gzip, metrics)).Bytes));
            Assert.Equal(representation.Body, Requests.Decode(null, representation.Identity.Bytes));
        }
    }
}
