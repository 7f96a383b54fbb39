using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>The security headers every response carries, whatever its status.</summary>
public sealed class SecurityHeadersTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, HttpStatusCode> Requests => new()
    {
        { "GET", "/", HttpStatusCode.OK },
        { "HEAD", "/", HttpStatusCode.OK },
        { "GET", "/article.txt", HttpStatusCode.OK },
        { "GET", "/no-such-page", HttpStatusCode.NotFound },
        { "POST", "/", HttpStatusCode.MethodNotAllowed },
        { "GET-304", "/", HttpStatusCode.NotModified },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_response_carries_the_full_header_set_and_no_HSTS_over_plain_HTTP(string method, string path, HttpStatusCode status)
    {
        var client = site.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method.Split('-')[0]), path);
        if (method == "GET-304")
            request.Headers.IfNoneMatch.Add((await client.GetAsync(path, Cancel)).Headers.ETag!);
        // Twice: once from the endpoint, once from the output cache.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.SendAsync(Clone(request), Cancel);

            Assert.Equal(status, response.StatusCode);
            var csp = Header(response, "Content-Security-Policy");
            Assert.Matches("^default-src 'none'; connect-src 'self'; style-src 'sha256-[A-Za-z0-9+/]{43}='; img-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$", csp);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
            Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
            Assert.Equal("same-site", Header(response, "Cross-Origin-Resource-Policy"));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task The_CSP_style_hash_is_the_sha256_of_the_pages_inline_stylesheet()
    {
        using var response = await site.CreateClient().GetAsync("/", Cancel);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));

        var style = Assert.Single(page.QuerySelectorAll("style")).TextContent;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"style-src 'sha256-{hash}';", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} response has no {name} header");

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var tag in request.Headers.IfNoneMatch)
            copy.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(tag.Tag, tag.IsWeak));
        return copy;
    }
}
