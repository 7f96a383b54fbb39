using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ArticleSite.Operations;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format, on the operator's listener only: ASP.NET Core's own meters (requests,
/// their durations, connections, Kestrel) and the site's. Nothing listens while the listener is off, so a request then
/// pays for no instrument. Only this host's meters are exported (<see cref="MeterScope.Local"/>: those its
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> made), never another host's of the same name in the process.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>The framework's meters that describe serving; the output cache has none of its own.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
    ];

    public static IServiceCollection AddSiteMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>>(MetricsOptions.Rules);
        services.AddSingleton<SiteMetrics>();
        if (MetricsOptions.From(configuration).Port is null)
            return services;
        // Subscribed through the host's metrics rules, not OpenTelemetry's AddMeter, which matches a meter by its name
        // alone: every host's "ArticleSite" in the process.
        services.AddMetrics(metrics =>
        {
            foreach (var meter in (string[])[.. FrameworkMeters, SiteMetrics.MeterName])
                metrics.EnableMetrics(meter, instrumentName: null, listenerName: null, MeterScope.Local);
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Starts listening to the meters now, so that the first publish, before the server starts, is counted too: the host
    /// would start its metrics subscriptions only as it starts, with the checks of <c>ValidateOnStart</c>.
    /// </summary>
    public static WebApplication StartSiteMetrics(this WebApplication app)
    {
        if (app.Services.GetService<MeterProvider>() is not null)
            app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    public static IEndpointRouteBuilder MapSiteMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Port is null)
            return app;
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            if (options.IsOperatorListener(context))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null).ExcludeFromDescription();
        return app;
    }
}
