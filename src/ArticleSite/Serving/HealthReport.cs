using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArticleSite.Serving;

/// <summary>
/// The detail of the readiness report, for the operator: "Healthy", or "Degraded" while a file cannot be published or
/// changes are seen only by the periodic rescan; every such file (named relative to the content folder); whether the
/// folder is watched; and the lead article's ETag and time, so a probe can see an edit go live.
/// </summary>
public sealed record HealthReport(string Status, int Articles, string Watcher, LeadReport Lead, IReadOnlyList<ProblemReport> Problems)
{
    /// <summary>What anyone may see: <c>{"status": "Healthy"}</c>, without files or reasons.</summary>
    public static Task WriteStatusAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthSummary(report.Status.ToString()), HealthJsonContext.Default.HealthSummary);

    public static async Task WriteDetailAsync(HttpContext context, HealthStatus status)
    {
        var publisher = context.RequestServices.GetRequiredService<SitePublisher>();
        if (!publisher.HasPublished)
        {
            await context.Response.WriteAsJsonAsync(new HealthSummary(status.ToString()), HealthJsonContext.Default.HealthSummary);
            return;
        }

        var snapshot = publisher.Current;
        var lead = snapshot.Lead;
        var site = await snapshot.ForOriginAsync(context.Request.Scheme, context.Request.Host.ToUriComponent());
        var leadPage = (await site.Find(SiteRoutes.ArticlePage(lead.Metadata.Slug))!).Representation;
        await context.Response.WriteAsJsonAsync(
            new HealthReport(
                Status: status.ToString(),
                Articles: snapshot.Articles.Count,
                Watcher: publisher.WatcherState,
                Lead: new LeadReport(lead.Metadata.Slug, leadPage.ETag, lead.LastModified),
                Problems: [.. snapshot.Problems.Select(problem => new ProblemReport(problem.Path, problem.Reason))]),
            HealthJsonContext.Default.HealthReport);
    }
}

/// <summary>The public answer of a health endpoint: its status alone.</summary>
public sealed record HealthSummary(string Status);

/// <summary>The lead article: its slug, the ETag of its page, and when its file last changed.</summary>
public sealed record LeadReport(string Slug, [property: JsonPropertyName("etag")] string ETag, DateTimeOffset LastModified);

/// <summary>A file that cannot be published (relative to the content folder; "." for the folder itself), and why.</summary>
public sealed record ProblemReport(string Path, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(HealthSummary))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
