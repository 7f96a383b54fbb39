using System.Net;
using System.Net.Http.Headers;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ArticleSite.Tests;

/// <summary>Status codes, headers and caching of the article's URLs.</summary>
public sealed class HttpBehaviourTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "/", "text/html" },
        { "/article.txt", "text/plain" },
        { "/article.md", "text/markdown" },
        { "/article.json", "application/json" },
        { "/feed.atom", "application/atom+xml" },
        { "/sitemap.xml", "application/xml" },
        { "/sitemaps/1.xml", "application/xml" },
        { "/robots.txt", "text/plain" },
        { "/llms.txt", "text/plain" },
    };

    public static TheoryData<string> KnownPaths => ["/", "/article.txt", "/article.md", "/article.json", "/feed.atom", "/sitemap.xml", "/sitemaps/1.xml", "/robots.txt", "/llms.txt", "/favicon.ico", "/icon.svg"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Responses_say_their_media_type_and_utf8(string path, string mediaType)
    {
        using var response = await site.CreateClient().GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        // JSON is UTF-8 by definition (RFC 8259) and has no charset parameter.
        Assert.Equal(mediaType == "application/json" ? null : "utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync(Cancel)).Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_matching_If_None_Match_gets_304_with_the_ETag_and_no_body(string path, string mediaType)
    {
        var client = site.CreateClient();
        using var first = await client.GetAsync(path, Cancel);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);

        // Twice: once answered by the endpoint, once by the output cache.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            using var revalidated = await client.SendAsync(request, Cancel);

            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Equal(etag, revalidated.Headers.ETag);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_ETag_gets_the_full_response(string path, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var response = await site.CreateClient().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task HEAD_gives_the_GET_headers_and_no_body(string path, string mediaType)
    {
        var client = site.CreateRawClient();
        foreach (var coding in new[] { "identity", "br", "gzip" })
        {
            using var get = await client.SendAsync(path, ("Accept-Encoding", coding));

            // Twice: once answered by the endpoint, once by the output cache.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var head = await client.SendAsync(HttpMethod.Head, path, ("Accept-Encoding", coding));

                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                Assert.Equal(mediaType, head.Content.Headers.ContentType?.MediaType);
                Assert.Equal(HeadersOf(get), HeadersOf(head));
                Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
            }
        }
    }

    /// <summary>Every header but the one that changes between two responses, Date.</summary>
    private static string HeadersOf(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key is not "Date")
            .OrderBy(header => header.Key, StringComparer.Ordinal)
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"));

    /// <summary>The second request is a hit on the first one's entry: the query string is not part of the key.</summary>
    [Theory]
    [InlineData("/article.txt", "/article.txt")]
    [InlineData("/llms.txt", "/llms.txt?utm_source=newsletter")]
    public async Task A_repeated_request_is_answered_by_the_output_cache_with_the_same_bytes(string firstPath, string secondPath)
    {
        var client = site.CreateClient();
        using var first = await client.GetAsync(firstPath, Cancel);
        var hitsBefore = site.CacheStore.Hits;

        using var second = await client.GetAsync(secondPath, Cancel);

        Assert.Equal(hitsBefore + 1, site.CacheStore.Hits);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Cancel), await second.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HeadersOf(first), HeadersOf(second));
    }

    [Fact]
    public async Task A_cache_hit_carries_the_current_Date_and_no_Age_so_downstream_caches_count_max_age_from_now()
    {
        var client = site.CreateClient();
        using var stored = await client.GetAsync("/article.md", Cancel);
        var hitsBefore = site.CacheStore.Hits;
        // The entry's own Date is the second it was stored; the hit is asked for two seconds later, as Kestrel's Date
        // follows the clock on a one-second heartbeat. Time passing is what this test is about, so it waits for it.
        var storedAt = stored.Headers.Date!.Value;
        var untilALaterSecond = storedAt.AddSeconds(2) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        if (untilALaterSecond > TimeSpan.Zero)
            await Task.Delay(untilALaterSecond, Cancel);

        using var hit = await client.GetAsync("/article.md", Cancel);

        Assert.Equal(hitsBefore + 1, site.CacheStore.Hits);
        Assert.Null(hit.Headers.Age);
        Assert.True(hit.Headers.Date > storedAt, $"the hit's Date {hit.Headers.Date:R} is later than the stored {storedAt:R}");
    }

    [Fact]
    public async Task An_unknown_path_gets_a_small_404_page()
    {
        using var response = await site.CreateClient().GetAsync("/no/such/page", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>404 Not Found</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_asked_for_as_text_gets_one_line_of_text()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/missing.txt");
        request.Headers.Accept.ParseAdd("text/plain");
        using var response = await site.CreateClient().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 Not Found\n", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [MemberData(nameof(KnownPaths))]
    public async Task Writing_methods_get_405_with_the_allowed_methods(string path)
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var response = await site.CreateClient().SendAsync(new HttpRequestMessage(method, path), Cancel);

            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        }
    }

    [Fact]
    public async Task Writing_to_an_unknown_path_gets_404()
    {
        using var response = await site.CreateClient().PostAsync("/no/such/page", new StringContent("x"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(KnownPaths))]
    public async Task Every_resource_says_how_long_caches_may_keep_it_and_no_modification_date(string path)
    {
        using var response = await site.CreateClient().GetAsync(path, Cancel);

        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", response.Headers.CacheControl?.ToString());
        Assert.Null(response.Content.Headers.LastModified);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
    }

    [Fact]
    public async Task The_article_Cache_Control_is_configurable()
    {
        // A derived factory's CreateClient asks the factory it came from for the client's address: that one must have started
        // (when this test ran first in its class, nothing had started it).
        site.StartServer();
        using var configured = site.WithWebHostBuilder(builder => builder.UseSetting("Caching:ArticleCacheControl", "public, max-age=60"));

        using var response = await configured.CreateClient().GetAsync("/article.txt", Cancel);

        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task No_response_names_the_server_software()
    {
        using var response = await site.CreateClient().GetAsync("/", Cancel);

        Assert.Empty(response.Headers.Server);
    }

    [Theory]
    [InlineData("/", "Accept", "image/png", 406)]
    [InlineData("/article.txt", "Accept-Encoding", "identity;q=0", 406)]
    [InlineData("/article.md", "Range", "bytes=999999-", 416)]
    [InlineData("/openapi/v1.json", "Range", "bytes=999999-", 416)]
    public async Task An_error_that_describes_one_request_is_never_stored(string path, string header, string value, int status)
    {
        using var response = await site.CreateRawClient().SendAsync(path, (header, value));

        Assert.Equal((status, "no-store"), ((int)response.StatusCode, response.HeaderOf("Cache-Control")));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_like_a_resource_with_an_ETag_compression_and_the_sites_Cache_Control()
    {
        var client = site.CreateRawClient();

        using var plain = await client.SendAsync("/openapi/v1.json");
        using var brotli = await client.SendAsync("/openapi/v1.json", ("Accept-Encoding", "br"));
        using var notModified = await client.SendAsync("/openapi/v1.json", ("If-None-Match", plain.Headers.ETag!.Tag));
        var json = await plain.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal((HttpStatusCode.OK, "application/json; charset=utf-8"), (plain.StatusCode, plain.HeaderOf("Content-Type")));
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", plain.HeaderOf("Cache-Control"));
        Assert.Equal("Accept-Encoding", plain.HeaderOf("Vary"));
        Assert.False(plain.Headers.ETag.IsWeak);
        Assert.Equal("br", brotli.ContentEncoding());
        Assert.Equal(json, Requests.Decode("br", await brotli.Content.ReadAsByteArrayAsync(Cancel)));
        Assert.NotEqual(plain.Headers.ETag, brotli.Headers.ETag);
        Assert.Equal((HttpStatusCode.NotModified, plain.Headers.ETag), (notModified.StatusCode, notModified.Headers.ETag));
        Assert.DoesNotContain("127.0.0.1", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/v1.json/")]
    [InlineData("/healthz/live/")]
    [InlineData("/healthz/ready/")]
    [InlineData("/article.json/")]
    public async Task A_file_has_one_URL_and_its_name_with_a_slash_is_404(string path)
    {
        using var response = await site.CreateRawClient().SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
