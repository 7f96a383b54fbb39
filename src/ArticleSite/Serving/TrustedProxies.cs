using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// Honours X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For only from the proxies named in configuration
/// (<c>Proxy:KnownProxies</c>: addresses, <c>Proxy:KnownNetworks</c>: CIDR ranges). With none named, forwarded headers are ignored.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "Proxy";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").GetChildren().Select(entry => IPAddress.Parse(entry.Value!)).ToList();
        var networks = configuration.GetSection($"{Section}:KnownNetworks").GetChildren().Select(entry => System.Net.IPNetwork.Parse(entry.Value!)).ToList();
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The framework trusts loopback by default; only the configured list counts here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }

    /// <summary>Adds the middleware only when a proxy is configured: with both lists empty it would trust every client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value is { } options
            && (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
            ? app.UseForwardedHeaders()
            : app;
}
