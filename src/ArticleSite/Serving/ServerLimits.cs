using ArticleSite.Operations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// How much a client may send and how slowly, and how long shutdown waits for requests in flight.
/// The site only answers GET and HEAD with small documents, so most limits are tighter than Kestrel's defaults; docs/operations.md says why each value.
/// </summary>
internal sealed class ServerLimits
{
    public const string Section = "ServerLimits";

    public int MaxRequestLineSize { get; set; } = 4 * 1024;

    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 50;

    public long MaxConcurrentConnections { get; set; } = 10_000;

    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>Bytes a second a client must at least read of a response (after a grace period), so a stalled reader frees its connection.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The ranges Kestrel accepts, checked at start-up.</summary>
    public static SettingRules<ServerLimits> Rules => new SettingRules<ServerLimits>(Section)
        .AtLeast(nameof(MaxRequestLineSize), limits => limits.MaxRequestLineSize, 1)
        .AtLeast(nameof(MaxRequestHeadersTotalSize), limits => limits.MaxRequestHeadersTotalSize, 1)
        .AtLeast(nameof(MaxRequestHeaderCount), limits => limits.MaxRequestHeaderCount, 1)
        .AtLeast(nameof(MaxConcurrentConnections), limits => limits.MaxConcurrentConnections, 0)
        .Positive(nameof(RequestHeadersTimeout), limits => limits.RequestHeadersTimeout)
        .Positive(nameof(KeepAliveTimeout), limits => limits.KeepAliveTimeout)
        .Add(limits => limits.MinResponseBytesPerSecond < 0 ? $"{Section}:{nameof(MinResponseBytesPerSecond)} {limits.MinResponseBytesPerSecond} is less than 0" : null)
        .Add(limits => limits.MinDataRateGracePeriod <= TimeSpan.FromSeconds(1) ? $"{Section}:{nameof(MinDataRateGracePeriod)} {limits.MinDataRateGracePeriod} is not more than 00:00:01" : null)
        .AtLeast(nameof(ShutdownTimeout), limits => limits.ShutdownTimeout);

    public static ServerLimits From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ServerLimits>() ?? new ServerLimits();

    public void ApplyTo(KestrelServerOptions kestrel)
    {
        var limits = kestrel.Limits;
        limits.MaxRequestLineSize = MaxRequestLineSize;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        // No WebSockets or other upgrades here.
        limits.MaxConcurrentUpgradedConnections = 0;
        // GET and HEAD carry no content; RejectRequestBodies answers 413 before anything would read one.
        limits.MaxRequestBodySize = 0;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        // Kept for completeness, since no body is ever read.
        limits.MinRequestBodyDataRate = new MinDataRate(MinResponseBytesPerSecond, MinDataRateGracePeriod);
        limits.MinResponseDataRate = new MinDataRate(MinResponseBytesPerSecond, MinDataRateGracePeriod);
    }
}

/// <summary>Registers <see cref="ServerLimits"/> from configuration and hands it to Kestrel and the host.</summary>
internal static class ServerLimitsSetup
{
    public static IServiceCollection AddServerLimits(this IServiceCollection services)
    {
        services.AddOptions<ServerLimits>().BindConfiguration(ServerLimits.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<ServerLimits>>(ServerLimits.Rules);
        // Kestrel and the host read their limits while the host is built, before the settings are checked: bound from the
        // configuration by each rather than as an IOptions<ServerLimits>, whose generic types the Native AOT binary would
        // build at run time then (docs/benchmarks.md, Cold start). Limits out of range are left to the check, which stops
        // the site with one line naming them, instead of Kestrel's setters throwing while the host is built.
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            if (ServerLimits.From(configuration) is var limits && ServerLimits.Rules.Validate(null, limits).Succeeded)
                limits.ApplyTo(kestrel);
        });
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) => host.ShutdownTimeout = ServerLimits.From(configuration).ShutdownTimeout);
        return services;
    }
}
