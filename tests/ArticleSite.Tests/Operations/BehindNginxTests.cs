using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ArticleSite.Tests;

/// <summary>
/// The site behind Debian's nginx on 127.0.0.1, terminating TLS and caching with proxy_cache as a production proxy would:
/// nginx caches and revalidates the site's responses, keeps every negotiated variant apart, and gives the site its public origin.
/// </summary>
public sealed class BehindNginxTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string work = Directory.CreateTempSubdirectory("articlesite-proxy-").FullName;

    private readonly List<IDisposable> started = [];

    /// <summary>The host of the site's base URL, which nginx is asked for and forwards.</summary>
    private const string PublicHost = "news.example.org";

    [Fact]
    public async Task Nginx_caches_the_page_after_one_miss_and_answers_the_next_request_itself()
    {
        var nginx = await StartAsync();

        using var first = await nginx.SendAsync("/", ("Host", PublicHost));
        using var second = await nginx.SendAsync("/", ("Host", PublicHost));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("MISS", "200"), (first.HeaderOf("X-Cache-Status"), first.HeaderOf("X-Upstream-Status")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(("HIT", ""), (second.HeaderOf("X-Cache-Status"), second.HeaderOf("X-Upstream-Status")));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Cancel), await second.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Once_expired_the_page_is_revalidated_with_If_None_Match_and_the_site_answers_304()
    {
        var nginx = await StartAsync(cacheControl: "public, max-age=1");
        using var fresh = await nginx.SendAsync("/article.txt", ("Host", PublicHost));
        var body = await fresh.Content.ReadAsByteArrayAsync(Cancel);

        // max-age=1: nginx answers from its cache until then, and afterwards asks the site whether its copy is still current.
        using var revalidated = await Eventually.GetAsync(
            () => nginx.SendAsync("/article.txt", ("Host", PublicHost)),
            response => response.HeaderOf("X-Cache-Status") != "HIT",
            "a request that nginx does not answer from its fresh cache");

        Assert.Equal("MISS", fresh.HeaderOf("X-Cache-Status"));
        Assert.Equal(("REVALIDATED", "304"), (revalidated.HeaderOf("X-Cache-Status"), revalidated.HeaderOf("X-Upstream-Status")));
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Equal(body, await revalidated.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(fresh.Headers.ETag, revalidated.Headers.ETag);
    }

    [Fact]
    public async Task Behind_one_nginx_two_replicas_on_their_own_checkouts_revalidate_each_others_copies_with_304()
    {
        var nginx = await StartAsync(cacheControl: "public, max-age=1", replicas: 2);
        using var fresh = await nginx.SendAsync("/article.txt", ("Host", PublicHost));
        var body = await fresh.Content.ReadAsByteArrayAsync(Cancel);
        var revalidatedBy = new HashSet<string>();

        // Round robin sends each revalidation of nginx's one copy to the other replica than the one before.
        for (var revalidation = 0; revalidation < 6 && revalidatedBy.Count < 2; revalidation++)
        {
            using var revalidated = await Eventually.GetAsync(
                () => nginx.SendAsync("/article.txt", ("Host", PublicHost)),
                response => response.HeaderOf("X-Cache-Status") != "HIT",
                "a request that nginx does not answer from its fresh cache");
            Assert.Equal(("REVALIDATED", "304"), (revalidated.HeaderOf("X-Cache-Status"), revalidated.HeaderOf("X-Upstream-Status")));
            Assert.Equal(body, await revalidated.Content.ReadAsByteArrayAsync(Cancel));
            revalidatedBy.Add(revalidated.HeaderOf("X-Upstream-Addr"));
        }
        Assert.Equal("MISS", fresh.HeaderOf("X-Cache-Status"));
        Assert.Equal(2, revalidatedBy.Count);
    }

    [Fact]
    public async Task A_client_revalidating_with_its_ETag_gets_304_from_nginxs_copy()
    {
        var nginx = await StartAsync();
        using var page = await nginx.SendAsync("/", ("Host", PublicHost));

        using var notModified = await nginx.SendAsync("/", ("Host", PublicHost), ("If-None-Match", page.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("HIT", notModified.HeaderOf("X-Cache-Status"));
        Assert.Equal(page.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Cancel));
    }

    private static readonly (string Accept, string AcceptEncoding, string MediaType, string? Coding)[] Variants =
    [
        ("text/html", "br", "text/html", "br"),
        ("text/html", "gzip", "text/html", "gzip"),
        ("text/html", "identity", "text/html", null),
        ("text/plain", "br", "text/plain", "br"),
        ("text/plain", "gzip", "text/plain", "gzip"),
        ("text/plain", "identity", "text/plain", null),
    ];

    [Fact]
    public async Task Every_media_type_and_coding_of_the_page_is_cached_apart_and_each_request_gets_its_own()
    {
        var nginx = await StartAsync();
        var firstRound = new List<byte[]>();
        var seenStatuses = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            for (var index = 0; index < Variants.Length; index++)
            {
                var (accept, acceptEncoding, mediaType, coding) = Variants[index];
                using var response = await nginx.SendAsync("/", ("Host", PublicHost), ("Accept", accept), ("Accept-Encoding", acceptEncoding));
                var body = await response.Content.ReadAsByteArrayAsync(Cancel);
                seenStatuses.Add(response.HeaderOf("X-Cache-Status"));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(coding, response.ContentEncoding());
                Assert.Equal("Accept, Accept-Encoding", response.HeaderOf("Vary"));
                if (round == 0)
                    firstRound.Add(body);
                else
                    Assert.Equal(firstRound[index], body);
            }
        }

        Assert.Equal([.. Enumerable.Repeat("MISS", Variants.Length), .. Enumerable.Repeat("HIT", Variants.Length)], seenStatuses);
        Assert.Equal(Variants.Length, firstRound.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Fact]
    public async Task The_canonical_URL_names_the_proxys_public_scheme_and_host_whatever_X_Forwarded_Host_the_client_sends()
    {
        var nginx = await StartAsync();

        using var response = await nginx.SendAsync("/", ("Host", PublicHost), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "http"));
        var (canonical, ogUrl) = await CanonicalAndOgUrlAsync(response);

        Assert.Equal("https://news.example.org/articles/lee-xi-gyeongju-summit", canonical);
        Assert.Equal(canonical, ogUrl);
        Assert.Equal("max-age=63072000", response.HeaderOf("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_host_other_than_the_base_URLs_that_nginx_forwards_gets_400_and_no_page()
    {
        var nginx = await StartAsync();

        using var response = await nginx.SendAsync("/", ("Host", "evil.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_sent_straight_to_a_site_that_trusts_another_proxy_change_nothing()
    {
        var direct = new ArticleSiteFactory { TrustedProxy = "192.0.2.10" };
        started.Add(direct);
        var client = direct.CreateRawClient();
        started.Add(client);

        using var response = await client.SendAsync("/", ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "192.0.2.10"));
        var (canonical, ogUrl) = await CanonicalAndOgUrlAsync(response);

        Assert.Equal(new Uri(client.BaseAddress!, "/articles/lee-xi-gyeongju-summit").AbsoluteUri, canonical);
        Assert.Equal(canonical, ogUrl);
        Assert.Equal("", response.HeaderOf("Strict-Transport-Security"));
    }

    private static async Task<(string? Canonical, string? OgUrl)> CanonicalAndOgUrlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
        return (page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
    }

    /// <summary>
    /// The site (trusting 127.0.0.1 as its proxy) behind nginx; a client of nginx that trusts its test certificate only.
    /// The site's own Cache-Control (five minutes) unless a test needs nginx's copy to expire sooner.
    /// </summary>
    /// <param name="replicas">How many sites nginx balances over, round robin: the first serves the repository's content,
    /// each other one its own copy of it, written later and so with other file times.</param>
    private async Task<HttpClient> StartAsync(string? cacheControl = null, int replicas = 1)
    {
        var nginxPath = ExternalTool.Require("nginx", "/usr/sbin/nginx");
        var upstreams = new List<Uri>();
        for (var replica = 0; replica < replicas; replica++)
        {
            var site = new ProxiedSiteFactory { CacheControl = cacheControl, ContentFolder = replica == 0 ? RepositoryPaths.Content : CopyOfContent(replica) };
            started.Add(site);
            upstreams.Add(site.CreateRawClient().BaseAddress!);
        }

        var thumbprint = WriteCertificate();
        var nginx = await NginxProcess.StartHttpAsync(nginxPath, work, port => ProxyConfig(work, port, upstreams));
        started.Add(nginx);

        var client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        })
        { BaseAddress = new Uri($"https://127.0.0.1:{nginx.Port}") };
        started.Add(client);
        return client;
    }

    /// <summary>
    /// The proxy as docs/operations.md recommends it. The cache key holds the public scheme and host because the page names them
    /// (nginx's default key has the upstream's host instead); the negotiated variants are kept apart by the site's Vary,
    /// which nginx (since 1.7.7) stores with each entry. The two add_header lines only let the test see what nginx did.
    /// </summary>
    private static string ProxyConfig(string work, int port, IEnumerable<Uri> upstreams) => $$"""
            proxy_cache_path {{work}}/cache levels=1:2 keys_zone=articlesite:1m;
            upstream replicas {
                {{string.Concat(upstreams.Select(upstream => $"server {upstream.Authority};"))}}
            }

            server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{work}}/proxy.crt;
                ssl_certificate_key {{work}}/proxy.key;

                location / {
                    proxy_pass http://replicas;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header X-Forwarded-Host $host;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;

                    proxy_cache articlesite;
                    proxy_cache_key $scheme://$host$request_uri;
                    proxy_cache_revalidate on;

                    add_header X-Cache-Status $upstream_cache_status always;
                    add_header X-Upstream-Status $upstream_status always;
                    add_header X-Upstream-Addr $upstream_addr always;
                }
            }
        """;

    /// <summary>A copy of the repository's content folder under <see cref="work"/>, its files written now.</summary>
    private string CopyOfContent(int replica)
    {
        var copy = Directory.CreateDirectory(Path.Combine(work, $"content-{replica}")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Content))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>A self-signed certificate for nginx; the client trusts exactly this one.</summary>
    private string WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=news.example.org", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(Path.Combine(work, "proxy.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(work, "proxy.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate.GetCertHashString();
    }

    public void Dispose()
    {
        for (var index = started.Count - 1; index >= 0; index--)
            started[index].Dispose();
        Directory.Delete(work, recursive: true);
    }

    private sealed class ProxiedSiteFactory : ArticleSiteFactory
    {
        public ProxiedSiteFactory()
        {
            TrustedProxy = "127.0.0.1";
            BaseUrl = $"https://{PublicHost}";
        }

        public string? CacheControl { get; init; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (CacheControl is not null)
                builder.UseSetting("Caching:ArticleCacheControl", CacheControl);
        }
    }
}
