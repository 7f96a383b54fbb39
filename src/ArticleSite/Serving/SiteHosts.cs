using System.Collections.Frozen;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ArticleSite.Serving;

/// <summary>
/// The hosts the site answers for: the base URL's (<c>Site:BaseUrl</c>) and, unless turned off, the loopback names; with
/// no base URL, the loopback names alone, with a port that is one. Any other Host, including one a trusted proxy forwards,
/// gets 400 before a page is looked up, so no client can make the site name a host of its choosing. Probes and scrapers
/// are the exception (<see cref="AnswersAnyHost"/>): their answers name no host, and they address the machine by its IP.
/// </summary>
/// <remarks>
/// Not the framework's <c>UseHostFiltering</c>: the web host already runs that middleware first of all (from a startup
/// filter, allowing every host unless <c>AllowedHosts</c> is configured), ahead of the trusted proxies and the security
/// headers, so it would check the proxy's own Host instead of the forwarded one and refuse without the security headers.
/// This one uses the framework's matching (<see cref="HostString.MatchesAny"/>) at the right place in the pipeline.
/// </remarks>
internal static class SiteHosts
{
    /// <summary>The names a request made on the machine itself uses, with any port.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private const int HighestPort = 65535;

    /// <summary>
    /// The health paths, on every listener: a kubelet's probe sends the pod's IP as Host, a load balancer's health check
    /// the target's, and neither can be told otherwise. Exact paths: <c>/HEALTHZ/READY</c> is held to the hosts like a page.
    /// </summary>
    private static readonly FrozenSet<string> ProbePaths = FrozenSet.Create(StringComparer.Ordinal, SiteRoutes.Health, HealthEndpoints.Live, HealthEndpoints.Ready);

    private static readonly byte[] Refusal = "400 Bad Request\nThis site does not answer for that Host.\n"u8.ToArray();

    public static IServiceCollection AddSiteHosts(this IServiceCollection services) => services.AddSingleton<PublicOrigin>();

    /// <summary>Refuses the hosts the site does not answer for; after the trusted proxies, so a forwarded host is checked too.</summary>
    public static IApplicationBuilder UseSiteHosts(this IApplicationBuilder app)
    {
        var site = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        List<StringSegment> allowed =
        [
            .. site.Host is { } host ? [host] : Array.Empty<string>(),
            .. site.Host is null || site.AnswerLoopbackHosts ? Loopback : [],
        ];
        // With a base URL a request without a Host (HTTP/1.0) gets the pages too, and any port will do. Without one the
        // site answers the machine itself alone: a loopback name, with a port that is one.
        var machineOnly = site.Host is null;
        var operatorListener = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        return app.Use((context, next) =>
        {
            var host = context.Request.Host.Value;
            if (string.IsNullOrEmpty(host) ? !machineOnly : HostString.MatchesAny(host, allowed) && (!machineOnly || HasUsablePort(host)))
                return next(context);
            if (AnswersAnyHost(context, operatorListener))
                return next(context);

            var response = context.Response;
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength = Refusal.Length;
            return response.Body.WriteAsync(Refusal).AsTask();
        });
    }

    /// <summary>
    /// Whether a request is answered whatever its Host: the health paths, and everything on the operator's listener (a
    /// remote Prometheus names the address it scrapes). None of them names the request's host: the pages there name the
    /// base URL, or without one the listener's origin (PublicOrigin).
    /// </summary>
    public static bool AnswersAnyHost(HttpContext context, MetricsOptions operatorListener) =>
        ProbePaths.Contains(context.Request.Path.Value ?? "") || operatorListener.IsOperatorListener(context);

    /// <summary>True when the Host has no port or a port from 1 to 65535 in plain digits (an IPv6 address's colons are in brackets).</summary>
    public static bool HasUsablePort(string host)
    {
        var colon = host.LastIndexOf(':');
        if (colon < 0 || colon < host.LastIndexOf(']'))
            return true;
        var port = host.AsSpan(colon + 1);
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9')
            && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= HighestPort;
    }
}
