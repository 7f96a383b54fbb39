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
        await using var site = SiteProcess.Start(RepositoryPaths.Root, "--content", content.Path, "--Metrics:Port", $"{operatorPort}");
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
}
