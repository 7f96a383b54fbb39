using ArticleSite.Rendering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// Which rendering of the snapshot a request gets: the one for the configured base URL, whatever the request's Host;
/// without a base URL, the one for the origin of the listener it came in on (<c>http://127.0.0.1:5080</c>, or
/// <c>http://localhost:8080</c> for a listener on every address), whatever loopback spelling and port its Host names
/// (<see cref="SiteHosts"/> has let no other through). So no Host a client sends makes a rendering, or a cache entry, of its own.
/// </summary>
internal sealed class PublicOrigin(IOptions<SiteOptions> site, IServer server)
{
    private readonly string? configured = site.Value.Origin;

    private readonly int sitemapUrlsPerFile = site.Value.SitemapUrlsPerFile;

    /// <summary>Each listener's origin by scheme and local port, found on its first request: as many as there are listeners.</summary>
    private volatile ListenerOrigin[] listeners = [];

    /// <summary>The configured origin, e.g. https://news.example.org; null when each listener's origin is rendered for.</summary>
    public string? Configured => configured;

    public Task<UrlTable> UrlTableFor(HttpRequest request, SiteSnapshot snapshot) =>
        snapshot.ForOriginAsync(configured ?? ListenerOriginOf(request), sitemapUrlsPerFile);

    private string ListenerOriginOf(HttpRequest request)
    {
        var port = request.HttpContext.Connection.LocalPort;
        foreach (var known in listeners)
        {
            if (known.Port == port && string.Equals(known.Scheme, request.Scheme, StringComparison.Ordinal))
                return known.Origin;
        }
        var origin = $"{request.Scheme}://{ListenerHost(port)}:{port}";
        listeners = [.. listeners, new ListenerOrigin(request.Scheme, port, origin)];
        return origin;
    }

    /// <summary>The loopback name the listener on <paramref name="port"/> was given; localhost for one on every address.</summary>
    private string ListenerHost(int port)
    {
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == port && uri.IsLoopback)
                return uri.Host.ToLowerInvariant();
        }
        return SiteHosts.Loopback[0];
    }

    private sealed record ListenerOrigin(string Scheme, int Port, string Origin);
}
