using System.Collections.Concurrent;
using System.Net;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>Each URL of the site is answered by the endpoint of its family, which a reader finds by the URL's route.</summary>
public sealed class EndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_URL_the_site_serves_reaches_the_endpoint_mapped_for_its_route()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body.", "tags: [Release, 한국 경제]\n"));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body.", "tags: [release]\n"));
        await using var site = new RouteRecordingSite { ContentFolder = content.Path };
        var client = site.CreateClient();
        var paths = (await site.Services.GetRequiredService<SitePublisher>().Current.ForOriginAsync(client.BaseAddress!.GetLeftPart(UriPartial.Authority))).Paths.ToList();

        foreach (var path in paths.Append(SiteRoutes.Health))
        {
            using var response = await client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var expected = paths.Append(SiteRoutes.Health).Select(path => $"{path} -> {RouteOf(path)}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, site.Routed.Select(entry => $"{entry.Key} -> {entry.Value}").Order(StringComparer.Ordinal));
    }

    /// <summary>The route a reader looks for, from the URL alone: the URL itself, or its family's.</summary>
    private static string RouteOf(string path) => path switch
    {
        _ when path.StartsWith("/articles/page/", StringComparison.Ordinal) => "/articles/page/{page}/",
        _ when path.StartsWith("/articles/", StringComparison.Ordinal) && path != SiteRoutes.Archive => "/articles/{**article}",
        _ when path.StartsWith("/tags/", StringComparison.Ordinal) && path.EndsWith("/feed.atom", StringComparison.Ordinal) => "/tags/{tag}/feed.atom",
        _ when path.StartsWith("/tags/", StringComparison.Ordinal) && path.Contains("/page/", StringComparison.Ordinal) => "/tags/{tag}/page/{page}/",
        _ when path.StartsWith("/tags/", StringComparison.Ordinal) && path != SiteRoutes.Tags => "/tags/{tag}/",
        _ when path.StartsWith("/sitemaps/", StringComparison.Ordinal) => "/sitemaps/{part}.xml",
        _ => path,
    };

    /// <summary>The site, recording for each path asked the route pattern of the endpoint that answered it.</summary>
    private sealed class RouteRecordingSite : ArticleSiteFactory
    {
        public ConcurrentDictionary<string, string?> Routed { get; } = new(StringComparer.Ordinal);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RouteRecorder(Routed)));
        }
    }

    private sealed class RouteRecorder(ConcurrentDictionary<string, string?> routed) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, then) =>
            {
                await then(context);
                routed[context.Request.Path.Value!] = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            });
            next(app);
        };
    }
}
