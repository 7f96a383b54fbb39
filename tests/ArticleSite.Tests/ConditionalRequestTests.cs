using System.Net;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ArticleSite.Tests;

/// <summary>If-None-Match and If-Modified-Since (RFC 9110 §13), answered alike by the endpoint and by the output cache.</summary>
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

    [Fact]
    public async Task If_Modified_Since_the_Last_Modified_date_gets_304_and_an_earlier_date_the_article()
    {
        var client = site.CreateRawClient();
        using var full = await client.SendAsync("/article.txt");
        var lastModified = full.Content.Headers.LastModified!.Value;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var current = await client.SendAsync("/article.txt", ("If-Modified-Since", lastModified.ToString("R")));
            using var stale = await client.SendAsync("/article.txt", ("If-Modified-Since", lastModified.AddSeconds(-1).ToString("R")));

            Assert.Equal(HttpStatusCode.NotModified, current.StatusCode);
            Assert.Equal(full.Headers.ETag, current.Headers.ETag);
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        }
    }

    [Fact]
    public async Task If_None_Match_takes_precedence_over_If_Modified_Since()
    {
        var client = site.CreateRawClient();
        using var full = await client.SendAsync("/article.md");

        using var response = await client.SendAsync("/article.md",
            ("If-None-Match", "\"stale\""), ("If-Modified-Since", full.Content.Headers.LastModified!.Value.ToString("R")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Last_Modified_is_the_date_the_article_declares_not_its_file_time()
    {
        using var response = await site.CreateRawClient().SendAsync("/");

        // The front matter says "date: 2025-11-01" and no update: every checkout of the content answers alike.
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), response.Content.Headers.LastModified);
    }
}
