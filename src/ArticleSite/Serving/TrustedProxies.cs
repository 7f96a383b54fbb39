using ArticleSite.Operations;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// Honours X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For only from the proxies named in configuration
/// (<see cref="TrustedProxyOptions"/>). With none named, forwarded headers are ignored.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>>(TrustedProxyOptions.Rules);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The framework trusts loopback by default; only the configured list counts here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Adds the middleware only when a proxy is configured: with both lists empty it would trust every client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value is { } options
            && (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
            ? app.UseForwardedHeaders()
            : app;
}
