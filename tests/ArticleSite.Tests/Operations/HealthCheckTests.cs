using System.Net;
using System.Net.Sockets;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Liveness and readiness for load balancers and orchestrators: anyone sees the status alone; the files that cannot be
/// published, and why, are shown only on the operator's listener (<c>Metrics:Port</c>), never to the public.
/// </summary>
public sealed class HealthCheckTests
{
    private const string Degraded = "{\n  \"status\": \"Degraded\"\n}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Public_health_endpoints_answer_the_status_alone_and_name_no_file()
    {
        using var content = FolderWithOneBadFile();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Metrics:PublicHealthDetail"] = "false" } };
        using var client = site.CreateClient();

        foreach (var (path, cacheControl) in new[] { ("/healthz", "no-store"), ("/healthz/ready", "no-store, no-cache") })
        {
            using var response = await client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
            Assert.Equal(Degraded, await response.Content.ReadAsStringAsync(Cancel));
        }
        Assert.Equal("{\n  \"status\": \"Healthy\"\n}", await client.GetStringAsync("/healthz/live", Cancel));
        using var posted = await client.PostAsync("/healthz/ready", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Fact]
    public async Task The_operator_listener_names_each_problem_file_relative_to_the_folder_and_serves_metrics_while_the_public_port_does_not()
    {
        using var content = FolderWithOneBadFile();
        var operatorPort = FreePort();
        await using var site = SiteProcess.StartOn(content.Path, "--Metrics:Port", $"{operatorPort}");
        using var publicClient = await site.ClientAsync();
        using var operatorClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operatorPort}") };

        var health = await Health.GetAsync(operatorClient);

        Assert.Equal(("Degraded", 1, "watching"), (health.Status, health.Articles, health.Watcher));
        Assert.Equal([("bad.md", "front matter has no 'title', and the body has no '# ' heading to take it from")], health.Problems);
        Assert.DoesNotContain(content.Path, await operatorClient.GetStringAsync("/healthz/ready", Cancel), StringComparison.Ordinal);
        Assert.Equal(Degraded, await publicClient.GetStringAsync("/healthz", Cancel));
        // The operator's listener is told by the port the connection came in on, not by a Host header a client can choose.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Host = $"127.0.0.1:{operatorPort}" } };
        using var spoofedAnswer = await publicClient.SendAsync(spoofed, Cancel);
        Assert.Equal(Degraded, await spoofedAnswer.Content.ReadAsStringAsync(Cancel));
        using var publicMetrics = await publicClient.GetAsync("/metrics", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
    }

    [Fact]
    public async Task The_operator_listener_answers_a_scraper_and_a_probe_that_name_its_IP_and_names_no_such_host()
    {
        using var content = FolderWithOneBadFile();
        var operatorPort = FreePort();
        await using var site = SiteProcess.StartOn(content.Path, "--Metrics:Port", $"{operatorPort}");
        var publicAddress = await site.ListeningAsync();
        using var operatorClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operatorPort}") };
        var remote = $"10.0.0.5:{operatorPort}";

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Host = remote } };
        using var metrics = await operatorClient.SendAsync(scrape, Cancel);
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/healthz/ready") { Headers = { Host = remote } };
        using var detail = await operatorClient.SendAsync(probe, Cancel);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = remote } };
        using var operatorPage = await operatorClient.SendAsync(page, Cancel);
        using var publicClient = new HttpClient { BaseAddress = publicAddress };
        using var publicPage = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = remote } };
        using var refused = await publicClient.SendAsync(publicPage, Cancel);

        Assert.Equal((HttpStatusCode.OK, "text/plain"), (metrics.StatusCode, metrics.Content.Headers.ContentType?.MediaType));
        Assert.Contains("articlesite_articles{otel_scope_name=\"ArticleSite\"} 1", await metrics.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var detailText = await detail.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"path\": \"bad.md\"", detailText, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", detailText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, operatorPage.StatusCode);
        Assert.Contains($"<link rel=\"canonical\" href=\"http://127.0.0.1:{operatorPort}/articles/", await operatorPage.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Without_a_metrics_port_the_detail_is_nowhere()
    {
        using var content = FolderWithOneBadFile();
        await using var site = SiteProcess.StartOn(content.Path);
        using var client = await site.ClientAsync();

        Assert.Equal(Degraded, await client.GetStringAsync("/healthz", Cancel));
        using var metrics = await client.GetAsync("/metrics", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    internal static TemporaryContentFolder FolderWithOneBadFile()
    {
        var content = new TemporaryContentFolder();
        content.Write("good.md", TemporaryContentFolder.Article("A good article", "2025-12-01", "Its body."));
        content.Write("bad.md", "---\nsummary: No title.\ndate: 2025-12-02\n---\n\nA body.\n");
        return content;
    }

    /// <summary>A port of 127.0.0.1 that nothing listens on now, for a listener whose port must be known in advance.</summary>
    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
