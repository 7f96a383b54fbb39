using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// The detail of the readiness report, for the operator: "Healthy", or "Degraded" while a file cannot be published or
/// changes are seen only by the periodic rescan; every such file (named relative to the content folder), the first
/// <see cref="ContentLimits.MaxProblemsListed"/> one by one and the rest counted; whether the
/// folder is watched; and the lead article's ETag and time, so a probe can see an edit go live.
/// </summary>
/// <param name="ProblemCount">Every problem, also those past <see cref="ContentLimits.MaxProblemsListed"/> that <paramref name="Problems"/> only counts.</param>
internal sealed record HealthDetail(string Status, int Articles, string Watcher, LeadReport Lead, int ProblemCount, IReadOnlyList<ProblemReport> Problems)
{
    /// <summary>The search index: "ready", "building: n of m articles indexed" (a first start serves meanwhile) or "unavailable: " and why.</summary>
    public string? Search { get; init; }

    /// <summary>
    /// <c>/healthz</c> (Operations/HealthEndpoints.cs): the readiness checks, their status alone, or the detail where
    /// <see cref="HealthEndpoints.ShowsDetail"/> allows it.
    /// </summary>
    public static async Task<IResult> AnswerHealthzAsync(HttpRequest request, HttpResponse response, SitePublisher publisher, PublicOrigin origin)
    {
        var context = request.HttpContext;
        var report = await context.RequestServices.GetRequiredService<HealthCheckService>().CheckHealthAsync(HealthEndpoints.IsReadiness, context.RequestAborted);
        var statusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        response.Headers.CacheControl = "no-store";
        return HealthEndpoints.ShowsDetail(context) && await DetailAsync(request, report.Status, publisher, origin) is { } detail
            ? TypedResults.Json(detail, HealthJsonContext.Default.HealthDetail, statusCode: statusCode)
            : TypedResults.Json(new HealthSummary(report.Status.ToString()), HealthJsonContext.Default.HealthSummary, statusCode: statusCode);
    }

    /// <summary>What anyone may see: <c>{"status": "Healthy"}</c>, without files or reasons.</summary>
    public static Task WriteStatusAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthSummary(report.Status.ToString()), HealthJsonContext.Default.HealthSummary);

    public static async Task WriteDetailAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        if (await DetailAsync(context.Request, report.Status, services.GetRequiredService<SitePublisher>(), services.GetRequiredService<PublicOrigin>()) is { } detail)
            await context.Response.WriteAsJsonAsync(detail, HealthJsonContext.Default.HealthDetail);
        else
            await WriteStatusAsync(context, report);
    }

    private static async Task<HealthDetail?> DetailAsync(HttpRequest request, HealthStatus status, SitePublisher publisher, PublicOrigin origin)
    {
        if (!publisher.HasPublished)
            return null;
        var snapshot = publisher.Current;
        var lead = snapshot.Lead;
        var site = await origin.UrlTableFor(request, snapshot);
        string? leadETag;
        try
        {
            leadETag = (await site.Find(SiteRoutes.ArticlePage(lead.Metadata.Slug))!).Representation.ETag;
        }
        catch (ArticleChangedException)
        {
            leadETag = null; // its file changed since: the next snapshot names it, or the problem is listed
        }
        return new HealthDetail(
            Status: status.ToString(),
            Articles: snapshot.Articles.Count,
            Watcher: publisher.WatcherState,
            Lead: new LeadReport(lead.Metadata.Slug, leadETag, lead.LastModified),
            ProblemCount: snapshot.Problems.Count,
            Problems: Listed(snapshot.Problems, request.HttpContext.RequestServices.GetRequiredService<IOptions<ContentLimits>>().Value))
        {
            Search = request.HttpContext.RequestServices.GetService<Searching.SearchIndex>()?.State,
        };
    }

    /// <summary>The first problems, one by one, then how many more there are: the detail stays small whatever the folder holds.</summary>
    private static List<ProblemReport> Listed(IReadOnlyList<ContentException> problems, ContentLimits limits)
    {
        var listed = problems.Take(limits.MaxProblemsListed).Select(problem => new ProblemReport(problem.Path, problem.Reason)).ToList();
        if (problems.Count > listed.Count)
            listed.Add(new ProblemReport(ContentFolder.Itself, limits.NotListed(problems.Count - listed.Count)));
        return listed;
    }
}

/// <summary>The public answer of a health endpoint: its status alone.</summary>
internal sealed record HealthSummary(string Status);

/// <summary>The lead article: its slug, the ETag of its page, and when its file last changed.</summary>
internal sealed record LeadReport(string Slug, [property: JsonPropertyName("etag")] string? ETag, DateTimeOffset LastModified);

/// <summary>A file that cannot be published (relative to the content folder; "." for the folder itself), and why.</summary>
internal sealed record ProblemReport(string Path, string Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthDetail))]
[JsonSerializable(typeof(HealthSummary))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
