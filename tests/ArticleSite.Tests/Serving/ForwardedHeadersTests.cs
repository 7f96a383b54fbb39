using System.Net;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// X-Forwarded-* count only when a configured proxy sends them, and then the forwarded host is held to the site's hosts like
/// any other: the canonical URLs name the configured base URL.
/// </summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private readonly ArticleSiteFactory behindProxy = new() { TrustedProxy = "127.0.0.1", BaseUrl = "https://news.example.org" };

    private readonly List<ArticleSiteFactory> others = [];

    private static async Task<(HttpResponseMessage Response, string? Canonical, string? OgUrl)> GetForwardedAsync(ArticleSiteFactory site, string proto, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", host);
        var response = await site.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"),
            page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task A_configured_proxys_forwarded_scheme_and_host_become_the_canonical_origin_with_HSTS()
    {
        var (response, canonical, ogUrl) = await GetForwardedAsync(behindProxy, "https", "news.example.org");

        Assert.Equal("https://news.example.org/articles/lee-xi-gyeongju-summit", canonical);
        Assert.Equal(canonical, ogUrl);
        Assert.Equal("max-age=63072000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task HSTS_follows_the_base_URL_not_the_forwarded_scheme_so_a_cache_in_front_keeps_one_answer_for_both()
    {
        var (overHttps, _, _) = await GetForwardedAsync(behindProxy, "https", "news.example.org");
        var (overHttp, _, _) = await GetForwardedAsync(behindProxy, "http", "news.example.org");

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Equal(["max-age=63072000"], overHttps.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal(["max-age=63072000"], overHttp.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal(overHttps.Headers.Vary, overHttp.Headers.Vary);
        Assert.DoesNotContain("X-Forwarded-Proto", overHttp.Headers.Vary);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("news.example.org.evil.example")]
    [InlineData("evil.example:443")]
    public async Task A_configured_proxy_forwarding_a_host_that_is_not_the_sites_gets_400(string host)
    {
        var (response, canonical, _) = await GetForwardedAsync(behindProxy, "https", host);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("192.0.2.10")]
    public async Task Forged_forwarded_headers_from_a_client_that_is_not_a_configured_proxy_change_nothing(string? configuredProxy)
    {
        var direct = new ArticleSiteFactory { TrustedProxy = configuredProxy };
        others.Add(direct);
        var origin = direct.CreateClient().BaseAddress!;
        var (response, canonical, ogUrl) = await GetForwardedAsync(direct, "https", "evil.example");

        Assert.Equal(new Uri(origin, "/articles/lee-xi-gyeongju-summit").AbsoluteUri, canonical);
        Assert.Equal(canonical, ogUrl);
        Assert.DoesNotContain("evil", canonical, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    public void Dispose()
    {
        behindProxy.Dispose();
        others.ForEach(site => site.Dispose());
    }
}
