using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary><c>/metrics</c> on the operator's listener: the Prometheus text format with the framework's meters and the site's own.</summary>
public sealed class MetricsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_what_the_site_published_rendered_and_served()
    {
        using var content = HealthCheckTests.FolderWithOneBadFile();
        var operatorPort = HealthCheckTests.FreePort();
        await using var site = SiteProcess.StartOn(content.Path, "--Metrics:Port", $"{operatorPort}");
        using var publicClient = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = await site.ListeningAsync() };
        using var operatorClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operatorPort}") };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/article.txt") { Headers = { { "Accept-Encoding", "br" } } };
        (await publicClient.SendAsync(page, Cancel)).Dispose();

        using var response = await operatorClient.GetAsync("/metrics", Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n');

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("articlesite_articles{otel_scope_name=\"ArticleSite\"} 1", lines);
        Assert.Contains("articlesite_problems{otel_scope_name=\"ArticleSite\"} 1", lines);
        Assert.Contains("articlesite_snapshots_published_total{otel_scope_name=\"ArticleSite\"} 1", lines);
        Assert.Contains(lines, line => line.StartsWith("articlesite_publish_duration_seconds_count{otel_scope_name=\"ArticleSite\"} 1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("articlesite_renders_total{", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("articlesite_compressions_total{", StringComparison.Ordinal) && line.Contains("coding=\"br\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal) && line.Contains("http_route=\"/article.txt\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("kestrel_active_connections{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_site_counts_what_it_published_and_rendered_never_what_another_site_in_the_process_did()
    {
        using var quietContent = new TemporaryContentFolder();
        quietContent.Write("quiet.md", TemporaryContentFolder.Article("The quiet site", "2025-12-01", "Nobody reads it."));
        await using var quiet = new ArticleSiteFactory { ContentFolder = quietContent.Path, OperatorPort = HealthCheckTests.FreePort() };
        quiet.StartServer();
        using var quietOperator = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{quiet.OperatorPort}") };
        var quietBefore = SiteLines(await ScrapeAsync(quietOperator));

        using var busyContent = HealthCheckTests.FolderWithOneBadFile();
        busyContent.Write("other.md", TemporaryContentFolder.Article("Another article", "2025-12-03", "Its body."));
        await using var busy = new ArticleSiteFactory { ContentFolder = busyContent.Path, OperatorPort = HealthCheckTests.FreePort() };
        using var busyClient = busy.CreateRawClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Accept-Encoding", "br" } } };
        (await busyClient.SendAsync(page, Cancel)).Dispose();
        using var busyOperator = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{busy.OperatorPort}") };
        var busyLines = await ScrapeAsync(busyOperator);

        Assert.Contains("articlesite_articles{otel_scope_name=\"ArticleSite\"} 2", busyLines);
        Assert.Contains("articlesite_snapshots_published_total{otel_scope_name=\"ArticleSite\"} 1", busyLines);
        Assert.Contains(busyLines, line => line.StartsWith("articlesite_compressions_total{", StringComparison.Ordinal) && line.Contains("coding=\"br\"", StringComparison.Ordinal));
        Assert.Contains("articlesite_articles{otel_scope_name=\"ArticleSite\"} 1", quietBefore);
        Assert.Contains("articlesite_snapshots_published_total{otel_scope_name=\"ArticleSite\"} 1", quietBefore);
        // The exporter keeps a scrape for a moment: a scrape that counts the first one is made after it.
        var quietAfter = await Eventually.GetAsync(() => ScrapeAsync(quietOperator), lines => lines.Any(line =>
            line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && line.Contains("http_route=\"/metrics\"", StringComparison.Ordinal)),
            "a scrape of the quiet site made after its first");
        Assert.Equal(quietBefore, SiteLines(quietAfter));
    }

    private static async Task<string[]> ScrapeAsync(HttpClient operatorClient) =>
        (await operatorClient.GetStringAsync("/metrics", Cancel)).Split('\n');

    /// <summary>The lines of the site's own meter, "ArticleSite".</summary>
    private static string[] SiteLines(string[] scrape) => [.. scrape.Where(line => line.StartsWith("articlesite_", StringComparison.Ordinal))];
}
