using System.Globalization;

namespace ArticleSite.Operations;

/// <summary>Adds the operator's listener (<see cref="MetricsOptions"/>) to the addresses the site serves on.</summary>
internal static class MetricsListener
{
    /// <summary>What Kestrel listens on when nothing is configured.</summary>
    private const string DefaultUrls = "http://localhost:5000";

    /// <summary>
    /// Listening on an address in code would make Kestrel ignore <c>--urls</c>, <c>ASPNETCORE_URLS</c> and
    /// <c>ASPNETCORE_HTTP_PORTS</c>, so the operator's address is added to those instead.
    /// </summary>
    public static WebApplicationBuilder AddMetricsListener(this WebApplicationBuilder builder)
    {
        var options = MetricsOptions.From(builder.Configuration);
        if (options.Port is not { } port)
            return builder;

        var configuration = builder.Configuration;
        var site = configuration["urls"] is { Length: > 0 } urls
            ? urls
            : configuration["http_ports"] is { Length: > 0 } ports
                ? string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(each => $"http://*:{each}"))
                : DefaultUrls;
        var host = options.Address.Contains(':', StringComparison.Ordinal) && !options.Address.StartsWith('[') ? $"[{options.Address}]" : options.Address;
        builder.WebHost.UseUrls([.. site.Split(';', StringSplitOptions.RemoveEmptyEntries), string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}")]);
        return builder;
    }
}
