using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Methods as RFC 9110 §9.1 defines them (case-sensitive; 405 with Allow wherever a resource is), /healthz at its exact
/// path, and error pages that tell caches what they vary on and how long to keep them.
/// </summary>
public sealed class MethodAndStatusTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<RawResponse> SendAsync(string request, bool toHead = false)
    {
        site.StartServer();
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync(request, Cancel);
        return await connection.ReadResponseAsync(toHead, Cancel);
    }

    [Theory]
    [InlineData("get /")]
    [InlineData("head /article.txt")]
    [InlineData("Get /feed.atom")]
    [InlineData("get /healthz")]
    [InlineData("get /openapi/v1.json")]
    [InlineData("POST /healthz")]
    [InlineData("POST /openapi/v1.json")]
    [InlineData("POST /search?q=x")]
    [InlineData("get /search")]
    [InlineData("DELETE /article.txt")]
    public async Task A_method_other_than_GET_or_HEAD_in_capitals_gets_405_naming_them(string requestLine)
    {
        var response = await SendAsync($"{requestLine} HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    [Theory]
    [InlineData("/HEALTHZ")]
    [InlineData("/healthz/")]
    [InlineData("/Healthz")]
    public async Task Healthz_answers_only_at_its_exact_path(string path)
    {
        var client = site.CreateRawClient();

        using var other = await client.GetAsync(path, Cancel);
        using var health = await client.GetAsync("/healthz", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("no-store", health.HeaderOf("Cache-Control"));
    }

    [Theory]
    [InlineData("POST /")]
    [InlineData("PUT /healthz")]
    [InlineData("POST /no/such/page")]
    public async Task A_refused_request_with_content_says_Connection_close_and_the_connection_closes(string requestLine)
    {
        site.StartServer();
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync($"{requestLine} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello", Cancel);

        var response = await connection.ReadResponseAsync(toHead: false, Cancel);

        Assert.True(response.Status is 404 or 405, response.StatusLine);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    [Theory]
    [InlineData("text/plain", "text/plain; charset=utf-8")]
    [InlineData("text/html", "text/html; charset=utf-8")]
    public async Task A_404_varies_on_Accept_and_Accept_Encoding_and_says_how_long_caches_may_keep_it(string accept, string contentType)
    {
        var response = await SendAsync($"GET /no/such/page HTTP/1.1\r\nHost: localhost\r\nAccept: {accept}\r\n\r\n");

        Assert.Equal(404, response.Status);
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Equal("Accept, Accept-Encoding", response.Header("Vary"));
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task A_405_varies_on_Accept_and_Accept_Encoding_and_is_not_kept()
    {
        var response = await SendAsync("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.Equal("Accept, Accept-Encoding", response.Header("Vary"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task A_410_for_a_withdrawn_article_varies_on_Accept_and_Accept_Encoding_and_says_how_long_caches_may_keep_it()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        var beta = content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await using var live = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = live.CreateRawClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/articles/beta", Cancel)).StatusCode);

        File.Delete(beta);
        using var gone = await Eventually.GetAsync(() => client.SendAsync("/articles/beta", ("Accept", "text/plain")), response => response.StatusCode == HttpStatusCode.Gone, "the deleted article to be gone");

        Assert.Equal("410 Gone\n", await gone.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Accept, Accept-Encoding", gone.HeaderOf("Vary"));
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", gone.HeaderOf("Cache-Control"));
    }
}
