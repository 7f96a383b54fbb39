using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Publishing;
using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>
/// What <c>/healthz</c> says: always 200 while the site serves; "Healthy", or "Degraded" while a file cannot be
/// published or changes are seen only by the periodic rescan; every such file (named relative to the content folder);
/// whether the folder is watched; and the lead article's ETag and time, so a probe can see an edit go live.
/// </summary>
public sealed record HealthReport(string Status, int Articles, string Watcher, LeadReport Lead, IReadOnlyList<ProblemReport> Problems)
{
    public static async Task<IResult> ReportAsync(HttpRequest request, HttpResponse response, SitePublisher publisher, PublicOrigin origin)
    {
        var snapshot = publisher.Current;
        var lead = snapshot.Lead;
        var site = await origin.RenderingFor(request, snapshot);
        var leadPage = (await site.Find(SiteRoutes.ArticlePage(lead.Metadata.Slug))!).Representation;

        response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new HealthReport(
                Status: snapshot.Problems.Count == 0 && publisher.WatcherState == ContentWatcher.Watching ? "Healthy" : "Degraded",
                Articles: snapshot.Articles.Count,
                Watcher: publisher.WatcherState,
                Lead: new LeadReport(lead.Metadata.Slug, leadPage.ETag, lead.LastModified),
                Problems: [.. snapshot.Problems.Select(problem => new ProblemReport(problem.Path, problem.Reason))]),
            HealthJsonContext.Default.HealthReport);
    }
}

/// <summary>The lead article: its slug, the ETag of its page, and when its file last changed.</summary>
public sealed record LeadReport(string Slug, [property: JsonPropertyName("etag")] string ETag, DateTimeOffset LastModified);

/// <summary>A file that cannot be published (relative to the content folder; "." for the folder itself), and why.</summary>
public sealed record ProblemReport(string Path, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
