using System.Text;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ArticleSite.Tests;

/// <summary>
/// The Host header decides nothing a client could abuse: with <c>Site:BaseUrl</c> every page names the base URL, without
/// it only loopback hosts are answered; any other host gets 400, and no host ever makes an invalid URL or a 5xx.
/// </summary>
public sealed class HostTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string BaseUrl = "https://news.example.org";

    private const string ArticlePath = "/articles/lee-xi-gyeongju-summit";

    private readonly List<ArticleSiteFactory> sites = [];

    private ArticleSiteFactory Start(string? baseUrl = null, bool? answerLoopback = null)
    {
        var site = answerLoopback is { } answer ? new LoopbackSettingFactory(answer) { BaseUrl = baseUrl } : new ArticleSiteFactory { BaseUrl = baseUrl };
        sites.Add(site);
        site.StartServer();
        return site;
    }

    private static async Task<RawResponse> GetAsync(ArticleSiteFactory site, string path, string? host, string version = "HTTP/1.1")
    {
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync($"GET {path} {version}\r\n{(host is null ? "" : $"Host: {host}\r\n")}Connection: close\r\n\r\n", Cancel);
        return await connection.ReadResponseAsync(toHead: false, Cancel);
    }

    private static string? CanonicalOf(RawResponse page) =>
        new HtmlParser().ParseDocument(Encoding.UTF8.GetString(page.Body)).QuerySelector("link[rel=canonical]")?.GetAttribute("href");

    private static string Loopback(ArticleSiteFactory site) => $"127.0.0.1:{RawHttp.EndPointOf(site.Services).Port}";

    [Fact]
    public async Task Invented_hosts_before_a_real_one_change_nothing_it_gets_the_base_URLs_pages()
    {
        var site = Start(BaseUrl);

        var refused = await GetAsync(site, "/", "evil.example");
        Assert.Equal((400, "400 Bad Request\nThis site does not answer for that Host.\n"), (refused.Status, Encoding.UTF8.GetString(refused.Body)));
        Assert.Equal("nosniff", refused.Header("X-Content-Type-Options"));
        for (var index = 0; index < 15; index++)
            Assert.Equal(400, (await GetAsync(site, "/", $"junk{index}.evil.example")).Status);
        var page = await GetAsync(site, "/", "NEWS.Example.ORG");
        var sitemap = await GetAsync(site, "/sitemaps/1.xml", "news.example.org:8443");

        Assert.Equal(200, page.Status);
        Assert.Equal(BaseUrl + ArticlePath, CanonicalOf(page));
        Assert.Contains($"<loc>{BaseUrl}{ArticlePath}</loc>", Encoding.UTF8.GetString(sitemap.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", Encoding.UTF8.GetString(page.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_base_URL_a_request_without_Host_and_a_loopback_host_get_the_base_URLs_pages()
    {
        var site = Start(BaseUrl);

        var withoutHost = await GetAsync(site, "/", host: null, version: "HTTP/1.0");
        var onTheMachine = await GetAsync(site, "/", Loopback(site));
        var robots = await GetAsync(site, "/robots.txt", "localhost");

        Assert.Equal(BaseUrl + ArticlePath, CanonicalOf(withoutHost));
        Assert.Equal(withoutHost.Body, onTheMachine.Body);
        Assert.Equal($"User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: {BaseUrl}/sitemap.xml\n", Encoding.UTF8.GetString(robots.Body));
    }

    [Fact]
    public async Task Loopback_hosts_can_be_refused_when_a_base_URL_is_set()
    {
        var site = Start(BaseUrl, answerLoopback: false);

        Assert.Equal(400, (await GetAsync(site, "/", Loopback(site))).Status);
        Assert.Equal(400, (await GetAsync(site, "/", "localhost")).Status);
        Assert.Equal(200, (await GetAsync(site, "/", "news.example.org")).Status);
    }

    [Fact]
    public async Task Without_a_base_URL_a_request_without_Host_gets_400_and_every_loopback_Host_gets_the_listeners_pages()
    {
        var site = Start();

        var withoutHost = await GetAsync(site, "/", host: null, version: "HTTP/1.0");
        var evil = await GetAsync(site, "/", "evil.example");
        var page = await GetAsync(site, "/", Loopback(site));
        var other = await GetAsync(site, "/", "LOCALHOST:8080");

        Assert.Equal((400, 400), (withoutHost.Status, evil.Status));
        Assert.Equal($"http://{Loopback(site)}{ArticlePath}", CanonicalOf(page));
        Assert.Equal(page.Body, other.Body);
    }

    /// <summary>Hosts, ports and query strings a client invents make neither a rendering nor a cache entry of their own.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData(BaseUrl)]
    public async Task Every_Host_port_and_query_string_gets_one_cached_response(string? baseUrl)
    {
        var site = Start(baseUrl);
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        string[] names = baseUrl is null ? ["localhost", "127.0.0.1", "[::1]", "LocalHost"] : ["news.example.org", "localhost", "127.0.0.1", "NEWS.example.org"];

        var bodies = new HashSet<string>(StringComparer.Ordinal);
        for (var request = 0; request < 2_000; request++)
        {
            await connection.SendAsync($"GET /?utm_source={request} HTTP/1.1\r\nHost: {names[request % names.Length]}:{request + 1}\r\n\r\n", Cancel);
            var response = await connection.ReadResponseAsync(toHead: false, Cancel);
            Assert.Equal(200, response.Status);
            bodies.Add(Convert.ToBase64String(response.Body));
        }

        Assert.Single(bodies);
        Assert.Equal(1, site.CacheStore.StoredKeys);
        Assert.Equal($"{baseUrl ?? "http://" + Loopback(site)}{ArticlePath}", CanonicalOf(await GetAsync(site, "/", "localhost:1")));
    }

    /// <summary>
    /// The bound, read where an operator reads it: 50,000 HEADs, each with its own Host port and query string and asking
    /// for Brotli, grow the process's peak resident memory by less than 32 MiB (20,000 of them once took it from 131 to 397 MiB).
    /// </summary>
    [Fact]
    public async Task Fifty_thousand_invented_Hosts_and_query_strings_leave_the_sites_memory_where_it_was()
    {
        await using var site = SiteProcess.Start(RepositoryPaths.Root);
        var address = await site.ListeningAsync();
        await using var connection = await RawHttp.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, address.Port), Cancel);
        async Task HeadAsync(string host, int request)
        {
            await connection.SendAsync($"HEAD {ArticlePath}?n={request} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: br\r\n\r\n", Cancel);
            Assert.Equal(200, (await connection.ReadResponseAsync(toHead: true, Cancel)).Status);
        }
        for (var request = 0; request < 5_000; request++)
            await HeadAsync($"127.0.0.1:{address.Port}", request);
        var before = site.PeakResidentMiB();

        for (var request = 0; request < 50_000; request++)
            await HeadAsync($"{SiteHostsNames[request % SiteHostsNames.Length]}:{request % 65_535 + 1}", request);

        Assert.InRange(site.PeakResidentMiB() - before, 0, 32);
    }

    private static readonly string[] SiteHostsNames = ["localhost", "127.0.0.1", "[::1]"];

    [Theory]
    [InlineData(null)]
    [InlineData(BaseUrl)]
    public async Task Probes_that_name_the_pods_or_targets_IP_get_every_health_answer_and_still_no_page(string? baseUrl)
    {
        var site = Start(baseUrl);

        foreach (var (path, host) in new[] { ("/healthz", "10.0.0.5:8080"), ("/healthz/live", "10.0.0.5:8080"), ("/healthz/ready", "10.0.0.5:8080"), ("/healthz/ready", "10.0.0.5") })
        {
            await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
            // What a kubelet's httpGet probe sends when the probe names no host: the pod's IP and the probed port.
            await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n\r\n", Cancel);
            var probe = await connection.ReadResponseAsync(toHead: false, Cancel);

            Assert.Equal((200, "application/json; charset=utf-8"), (probe.Status, probe.Header("Content-Type")));
            // The factory shows the detail publicly (Metrics:PublicHealthDetail); it names no host either.
            Assert.StartsWith("{\n  \"status\": \"Healthy\"", Encoding.UTF8.GetString(probe.Body), StringComparison.Ordinal);
            Assert.DoesNotContain("10.0.0.5", probe.Text, StringComparison.Ordinal);
        }
        Assert.Equal(400, (await GetAsync(site, "/", "10.0.0.5:8080")).Status);
        Assert.Equal(400, (await GetAsync(site, "/HEALTHZ/READY", "10.0.0.5:8080")).Status);
    }

    /// <summary>Hosts Kestrel lets through that once made a 500 or an http:/// URL; HTTP/1.0 requests may also send none.</summary>
    public static TheoryData<string, string?> BadHosts => new()
    {
        { "/feed.atom", null }, { "/feed.atom", "" }, { "/feed.atom", "evil.example:99999" }, { "/feed.atom", "a(b)" },
        { "/feed.atom", "a!b" }, { "/feed.atom", "a..b" }, { "/feed.atom", new string('a', 300) }, { "/feed.atom", "localhost:99999" },
        { "/", null }, { "/", "" }, { "/robots.txt", "" }, { "/sitemap.xml", "" }, { "/llms.txt", "localhost:0" },
    };

    [Theory]
    [MemberData(nameof(BadHosts))]
    public async Task A_host_that_cannot_be_in_a_URL_gets_400_without_a_base_URL_and_the_base_URLs_page_with_one(string path, string? host)
    {
        var local = Start();
        var published = Start(BaseUrl);

        var refused = await GetAsync(local, path, host, "HTTP/1.0");
        var served = await GetAsync(published, path, host, "HTTP/1.0");

        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain("http:///", refused.Text, StringComparison.Ordinal);
        if (host is null or "" || host.StartsWith("localhost", StringComparison.Ordinal))
        {
            Assert.Equal(200, served.Status);
            Assert.Contains(BaseUrl + "/", Encoding.UTF8.GetString(served.Body), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(400, served.Status);
        }
        Assert.DoesNotContain("http:///", served.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://news.example.org/blog", "has a path, query or fragment; the site is served from its root")]
    [InlineData("https://news.example.org/?x=1", "has a path, query or fragment; the site is served from its root")]
    [InlineData("news.example.org", "is not an absolute http or https URL")]
    [InlineData("ftp://news.example.org", "is not an absolute http or https URL")]
    [InlineData("https://user@news.example.org", "does not name a host alone")]
    public async Task A_base_URL_that_cannot_be_the_sites_address_stops_the_site_with_one_line_saying_why(string baseUrl, string reason)
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "--Site:BaseUrl", baseUrl);

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"ArticleSite cannot start: Site:BaseUrl '{baseUrl}' {reason}", Assert.Single(errorLines));
    }

    public void Dispose() => sites.ForEach(site => site.Dispose());

    private sealed class LoopbackSettingFactory(bool answer) : ArticleSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Site:AnswerLoopbackHosts", answer ? "true" : "false");
        }
    }
}
