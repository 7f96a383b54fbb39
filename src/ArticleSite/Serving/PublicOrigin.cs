using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// Which rendering of the snapshot a request gets: the one for the configured base URL, whatever the request's Host;
/// without a base URL, the one for the loopback scheme, host and port the request was sent to (<see cref="SiteHosts"/>
/// has let no other through).
/// </summary>
public sealed class PublicOrigin(IOptions<SiteOptions> site)
{
    private readonly string? configured = site.Value.Origin;

    private readonly int sitemapUrlsPerFile = site.Value.SitemapUrlsPerFile;

    /// <summary>The configured origin, e.g. https://news.example.org; null when each loopback origin is rendered for.</summary>
    public string? Configured => configured;

    public Task<RenderedSite> RenderingFor(HttpRequest request, SiteSnapshot snapshot) =>
        configured is { } origin
            ? snapshot.ForOriginAsync(origin, sitemapUrlsPerFile)
            : snapshot.ForLoopbackAsync(request.Scheme, request.Host.Value!, sitemapUrlsPerFile);
}
