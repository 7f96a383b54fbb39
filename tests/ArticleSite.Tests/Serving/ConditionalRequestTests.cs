using System.Net;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ArticleSite.Tests;

/// <summary>
/// If-None-Match and If-Modified-Since (RFC 9110 §13), answered alike by the endpoint and by the output cache: the strong
/// ETags are the only validators, so If-Modified-Since is ignored.
/// </summary>
public sealed class ConditionalRequestTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] RevalidationHeaders = ["ETag", "Cache-Control", "Vary"];

    public static TheoryData<string, string> Validators => new()
    {
        { "/", "{0}" },
        { "/", "W/{0}" },
        { "/", "*" },
        { "/", "\"other\", {0}, \"another\"" },
        { "/article.txt", "{0}" },
        { "/article.md", "W/{0}" },
        { "/article.json", "\"a\", \"b\", {0}" },
        { "/feed.atom", "{0}" },
    };

    [Theory]
    [MemberData(nameof(Validators))]
    public async Task A_matching_If_None_Match_gets_304_with_the_same_validators_as_the_200(string path, string ifNoneMatch)
    {
        var client = site.CreateRawClient();
        using var earlier = await site.CacheStore.StoredAsync(() => client.SendAsync(path, ("Accept-Encoding", "gzip")));
        var condition = ("If-None-Match", string.Format(null, ifNoneMatch, earlier.Headers.ETag!.Tag));

        // First the endpoint answers (the cache is emptied, and a 304 is not stored), then the output cache, once it holds the 200.
        await site.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ArticleCaching.Tag, Cancel);
        var hitsBefore = site.CacheStore.Hits;
        using var fromEndpoint = await client.SendAsync(path, ("Accept-Encoding", "gzip"), condition);
        var hitsAfterEndpoint = site.CacheStore.Hits;
        using var full = await client.SendAsync(path, ("Accept-Encoding", "gzip"));
        using var fromCache = await client.SendAsync(path, ("Accept-Encoding", "gzip"), condition);

        Assert.Equal(hitsBefore, hitsAfterEndpoint);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(hitsAfterEndpoint + 1, site.CacheStore.Hits);
        foreach (var revalidated in new[] { fromEndpoint, fromCache })
        {
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Cancel));
            foreach (var header in RevalidationHeaders)
                Assert.Equal(full.HeaderOf(header), revalidated.HeaderOf(header));
        }
    }

    [Fact]
    public async Task The_ETag_of_another_coding_does_not_match()
    {
        var client = site.CreateRawClient();
        using var gzip = await client.SendAsync("/article.txt", ("Accept-Encoding", "gzip"));

        using var brotli = await client.SendAsync("/article.txt", ("Accept-Encoding", "br"), ("If-None-Match", gzip.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, brotli.StatusCode);
        Assert.Equal("br", brotli.ContentEncoding());
    }

    /// <summary>Dates a client might send: old, around now, far ahead.</summary>
    public static TheoryData<string> Dates => ["Thu, 01 Jan 1970 00:00:00 GMT", DateTimeOffset.UtcNow.ToString("R"), "Fri, 31 Dec 9999 23:59:59 GMT"];

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task If_Modified_Since_is_ignored_by_the_endpoint_and_the_cache_for_the_site_has_no_modification_date(string date)
    {
        var client = site.CreateRawClient();
        await site.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ArticleCaching.Tag, Cancel);
        var hitsBefore = site.CacheStore.Hits;

        // The first is answered by the endpoint, the second by the output cache, which would compare the date with the
        // time it stored the entry.
        using var fromEndpoint = await client.SendAsync("/article.txt", ("If-Modified-Since", date));
        using var fromCache = await client.SendAsync("/article.txt", ("If-Modified-Since", date));

        Assert.Equal(hitsBefore + 1, site.CacheStore.Hits);
        var whole = await client.GetByteArrayAsync("/article.txt", Cancel);
        foreach (var response in new[] { fromEndpoint, fromCache })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Fact]
    public async Task If_None_Match_takes_precedence_over_If_Modified_Since()
    {
        var client = site.CreateRawClient();
        using var full = await client.SendAsync("/article.md");

        using var stale = await client.SendAsync("/article.md", ("If-None-Match", "\"stale\""), ("If-Modified-Since", "Fri, 31 Dec 9999 23:59:59 GMT"));
        using var current = await client.SendAsync("/article.md", ("If-None-Match", full.Headers.ETag!.Tag), ("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, current.StatusCode);
    }

    public static TheoryData<string> PathsAndCodings => ["/", "/article.txt", "/feed.atom", "/sitemap.xml", "/llms.txt", "/favicon.ico"];

    [Theory]
    [MemberData(nameof(PathsAndCodings))]
    public async Task No_answer_carries_Last_Modified_whether_200_304_or_206_from_the_endpoint_or_the_cache(string path)
    {
        var client = site.CreateRawClient();
        await site.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ArticleCaching.Tag, Cancel);

        using var fromEndpoint = await client.SendAsync(path, ("Accept-Encoding", "br"));
        using var fromCache = await client.SendAsync(path, ("Accept-Encoding", "br"));
        using var notModified = await client.SendAsync(path, ("Accept-Encoding", "br"), ("If-None-Match", fromCache.Headers.ETag!.Tag));
        using var part = await client.SendAsync(path, ("Accept-Encoding", "br"), ("Range", "bytes=0-0"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.PartialContent],
            new[] { fromEndpoint, fromCache, notModified, part }.Select(response => response.StatusCode));
        foreach (var response in new[] { fromEndpoint, fromCache, notModified, part })
            Assert.Equal("", response.HeaderOf("Last-Modified"));
    }
}
