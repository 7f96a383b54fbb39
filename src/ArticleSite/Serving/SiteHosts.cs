using ArticleSite.Rendering;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// The hosts the site answers for: the base URL's (<c>Site:BaseUrl</c>) and, unless turned off, the loopback names; with
/// no base URL, the loopback names alone. Any other Host, including one a trusted proxy forwards, gets 400 before a page
/// is looked up, so no client can make the site name a host of its choosing.
/// </summary>
public static class SiteHosts
{
    /// <summary>The names a request made on the machine itself uses, with any port.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private const int HighestPort = 65535;

    private static readonly byte[] BadPortPage = "400 Bad Request\nThe Host header's port is not a TCP port.\n"u8.ToArray();

    public static IServiceCollection AddSiteHosts(this IServiceCollection services)
    {
        services.AddSingleton<PublicOrigin>();
        services.AddHostFiltering(_ => { });
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<SiteOptions>>((filter, options) =>
        {
            var site = options.Value;
            filter.AllowedHosts =
            [
                .. site.Host is { } host ? [host] : Array.Empty<string>(),
                .. site.Host is null || site.AnswerLoopbackHosts ? Loopback : [],
            ];
            // An HTTP/1.0 request may come without Host: with a base URL it gets the base URL's pages; without one there
            // is no origin to name, so it gets 400 too.
            filter.AllowEmptyHosts = site.Host is not null;
            filter.IncludeFailureMessage = true;
        });
        return services;
    }

    /// <summary>Refuses the hosts the site does not answer for; after the trusted proxies, so a forwarded host is checked too.</summary>
    public static IApplicationBuilder UseSiteHosts(this IApplicationBuilder app)
    {
        app.UseHostFiltering();
        // Without a base URL the page names the request's loopback host and port, so the port must be one.
        if (app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value.Origin is null)
        {
            app.Use((context, next) =>
            {
                if (HasUsablePort(context.Request.Host.Value))
                    return next(context);
                var response = context.Response;
                response.StatusCode = StatusCodes.Status400BadRequest;
                response.ContentType = "text/plain; charset=utf-8";
                response.ContentLength = BadPortPage.Length;
                return response.Body.WriteAsync(BadPortPage).AsTask();
            });
        }
        return app;
    }

    /// <summary>True when the Host has no port or a port from 1 to 65535 in plain digits (an IPv6 address's colons are in brackets).</summary>
    public static bool HasUsablePort(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return false;
        var colon = host.LastIndexOf(':');
        if (colon < 0 || colon < host.LastIndexOf(']'))
            return true;
        var port = host.AsSpan(colon + 1);
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9')
            && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= HighestPort;
    }
}
