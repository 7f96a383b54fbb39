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

    /// <summary>
    /// The origin the first request will be rendered for, when it is known before the server listens: the configured
    /// one, or the listener's when the configuration names one address with its port (<c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) and no Kestrel endpoints; else null.
    /// </summary>
    public string? BeforeListening(IConfiguration configuration)
    {
        if (configured is not null)
            return configured;
        var urls = configuration["urls"] is { Length: > 0 } listed ? listed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : configuration["http_ports"] is { Length: > 0 } ports ? [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"http://*:{port}")]
            : [];
        if (urls is not [var only] || configuration.GetSection("Kestrel:Endpoints").Exists())
            return null;
        var address = BindingAddress.Parse(only);
        return address.Port > 0 && address.Scheme is "http" or "https" ? $"{address.Scheme}://{ListenerHost(address.Port, [only])}:{address.Port}" : null;
    }

    /// <summary>The loopback name the listener on <paramref name="port"/> was given; localhost for one on every address.</summary>
    private string ListenerHost(int port) => ListenerHost(port, server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    private static string ListenerHost(int port, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port == port && uri.IsLoopback)
                return uri.Host.ToLowerInvariant();
        }
        return SiteHosts.Loopback[0];
    }

    private sealed record ListenerOrigin(string Scheme, int Port, string Origin);
}
