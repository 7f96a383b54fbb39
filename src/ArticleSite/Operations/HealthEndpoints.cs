using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ArticleSite.Operations;

/// <summary>
/// The framework's health checks: <c>/healthz/live</c> (the process serves; no check runs), <c>/healthz/ready</c> and
/// <c>/healthz</c> (at its exact path only; a snapshot is published; Degraded is still ready).
/// Each answers its status alone, except on the operator's listener (or everywhere with
/// <c>Metrics:PublicHealthDetail</c>), where the ready report names every problem file.
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "/healthz/live";

    public const string Ready = "/healthz/ready";

    private const string ReadyTag = "ready";

    /// <summary>GET and HEAD, as for every other URL of the site; other methods get what an unknown path gets.</summary>
    private static readonly HttpMethodMetadata ReadOnly = new([HttpMethods.Get, HttpMethods.Head]);

    public static IServiceCollection AddSiteHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SnapshotHealthCheck>("snapshot", tags: [ReadyTag]);
        // The service logs a warning for every Degraded probe, every few seconds; the publisher logs each problem once.
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error));
        return services;
    }

    public static IEndpointRouteBuilder MapSiteHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthDetail.WriteStatusAsync }).WithMetadata(ReadOnly);
        app.MapHealthChecks(Ready, new HealthCheckOptions
        {
            Predicate = IsReadiness,
            ResponseWriter = (context, report) => ShowsDetail(context) ? HealthDetail.WriteDetailAsync(context, report) : HealthDetail.WriteStatusAsync(context, report),
        }).WithMetadata(ReadOnly);
        // Every method, as for the site's other URLs: 405 naming GET and HEAD, not the 404 of an unknown path.
        app.Map(SiteRoutes.Health, AnswerHealthzAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// <c>/healthz</c>: the readiness checks, as <see cref="HealthDetail.AnswerHealthzAsync"/> reports them. Routing takes
    /// <c>/HEALTHZ</c> for it too, which is another URL: 404.
    /// </summary>
    private static async Task<IResult> AnswerHealthzAsync(HttpContext context, SitePublisher publisher, PublicOrigin origin)
    {
        if (!string.Equals(context.Request.Path.Value, SiteRoutes.Health, StringComparison.Ordinal))
            return Results.NotFound();
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        return await HealthDetail.AnswerHealthzAsync(context.Request, context.Response, publisher, origin);
    }

    public static bool IsReadiness(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration check) => check.Tags.Contains(ReadyTag);

    /// <summary>Whether this request may see which files cannot be published, and why.</summary>
    public static bool ShowsDetail(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        return options.PublicHealthDetail || options.IsOperatorListener(context);
    }
}
