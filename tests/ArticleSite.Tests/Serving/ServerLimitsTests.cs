using System.Diagnostics;
using System.Net;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArticleSite.Tests;

/// <summary>The site with a one-second request-headers timeout and a ten-header limit, set through configuration.</summary>
public sealed class ImpatientSiteFactory : ArticleSiteFactory
{
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(1);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ServerLimits:RequestHeadersTimeout", HeadersTimeout.ToString());
        builder.UseSetting("ServerLimits:MaxRequestHeaderCount", "10");
    }
}

/// <summary>Kestrel's limits: what they are by default, that configuration sets them, and what clients that break them get.</summary>
public sealed class ServerLimitsTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_defaults_are_the_values_the_operations_guide_gives()
    {
        var limits = site.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(4 * 1024, limits.MaxRequestLineSize);
        Assert.Equal(16 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(50, limits.MaxRequestHeaderCount);
        Assert.Equal(0, limits.MaxRequestBodySize);
        Assert.Equal(10_000, limits.MaxConcurrentConnections);
        Assert.Equal(0, limits.MaxConcurrentUpgradedConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(75), limits.KeepAliveTimeout);
        Assert.Equal(240, limits.MinResponseDataRate?.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.MinResponseDataRate?.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), site.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Theory]
    [InlineData("GET", "Content-Length: 5\r\n\r\nhello")]
    [InlineData("HEAD", "Content-Length: 5\r\n\r\nhello")]
    [InlineData("GET", "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")]
    public async Task A_request_with_content_gets_413_and_the_connection_closes(string method, string framingAndContent)
    {
        site.StartServer();
        // With / in the output cache, the request must still be refused rather than answered from it.
        await site.CreateClient().GetAsync("/", Cancel);
        await site.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Cancel);
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync($"{method} / HTTP/1.1\r\nHost: localhost\r\n{framingAndContent}", Cancel);

        var response = await connection.ReadResponseAsync(toHead: method == "HEAD", Cancel);

        Assert.Equal(413, response.Status);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5), Cancel));
    }

    [Theory]
    [InlineData(4 * 1024 - 20, 200)]
    [InlineData(4 * 1024 + 1, 414)]
    public async Task The_request_line_limit_is_4_KB(int pathLength, int status)
    {
        site.StartServer();
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync($"GET /?{new string('a', pathLength - 2)} HTTP/1.1\r\nHost: localhost\r\n\r\n", Cancel);

        Assert.Equal(status, (await connection.ReadResponseAsync(toHead: false, Cancel)).Status);
    }
}

/// <summary>Slow clients against the impatient site.</summary>
public sealed class SlowClientTests(ImpatientSiteFactory site) : IClassFixture<ImpatientSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_header_count_limit_comes_from_configuration()
    {
        site.StartServer();
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        var headers = string.Concat(Enumerable.Range(0, 10).Select(i => $"X-Header-{i}: a\r\n"));
        await connection.SendAsync($"GET / HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n", Cancel);

        Assert.Equal(431, (await connection.ReadResponseAsync(toHead: false, Cancel)).Status);
    }

    [Fact]
    public async Task A_client_trickling_its_headers_is_cut_off_after_the_headers_timeout_while_others_are_served()
    {
        site.StartServer();
        var endPoint = RawHttp.EndPointOf(site.Services);
        using var client = site.CreateClient();
        // Rendered before the clock starts: the first request for a page renders and compresses it, which on busy cores
        // could outlast the one-second timeout this test gives the slow client.
        using var rendered = await client.GetAsync("/", Cancel);
        await using var slowloris = await RawHttp.ConnectAsync(endPoint, Cancel);
        using var stopTrickling = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var started = Stopwatch.StartNew();

        await slowloris.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n", Cancel);
        var trickle = TrickleAsync(slowloris, stopTrickling.Token);

        // Served while the slow client holds its connection open.
        using var served = await client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.False(trickle.IsCompleted, "the slow client was cut off before the normal request was even served");

        var closed = await slowloris.ClosedByServerAsync(ImpatientSiteFactory.HeadersTimeout + TimeSpan.FromSeconds(5), Cancel);
        var elapsed = started.Elapsed;
        await stopTrickling.CancelAsync();
        await trickle;

        Assert.True(closed, "the slow client was still connected 6 s after it started");
        Assert.True(elapsed >= ImpatientSiteFactory.HeadersTimeout, $"cut off after {elapsed}, before the timeout");
    }

    /// <summary>One header byte every 200 ms, never finishing the headers, until the server hangs up.</summary>
    private static async Task TrickleAsync(RawHttp connection, CancellationToken stop)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
                await connection.SendAsync("X"u8.ToArray(), stop);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed the connection, or the test has seen enough.
        }
    }
}
