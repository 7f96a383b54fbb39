using ArticleSite.Publishing;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticleSite.Tests.Publishing;

/// <summary>The lead article rendered while the host starts, for the origin the first request will be answered for.</summary>
public sealed class RenderedAheadTests
{
    private const string BaseUrl = "https://news.example.org";

    [Fact]
    public async Task With_a_base_url_the_lead_is_rendered_before_anyone_asks()
    {
        await using var site = new ArticleSiteFactory { BaseUrl = BaseUrl };
        var publisher = site.Services.GetRequiredService<SitePublisher>();

        var made = await Eventually.GetAsync(
            () => Task.FromResult(publisher.Current.Bodies.MadeFor(BaseUrl).Select(body => body.Article.Metadata.Slug).ToList()),
            slugs => slugs.Count > 0,
            "the lead's body made for the base URL");

        Assert.Equal(["lee-xi-gyeongju-summit"], made);
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5196", "http://127.0.0.1:5196")]
    [InlineData("urls", "http://LocalHost:8080/", "http://localhost:8080")]
    [InlineData("urls", "http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("urls", "http://+:8080", "http://localhost:8080")]
    [InlineData("urls", "https://0.0.0.0:8443", "https://localhost:8443")]
    [InlineData("http_ports", "8080", "http://localhost:8080")]
    public void The_listeners_origin_is_known_from_one_configured_address(string key, string value, string origin)
    {
        Assert.Equal(origin, OriginOf(new() { [key] = value }));
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:0")]
    [InlineData("urls", "http://127.0.0.1:5196;http://127.0.0.1:9090")]
    [InlineData("http_ports", "8080;8081")]
    [InlineData("none", "")]
    public void Without_one_address_and_port_the_origin_waits_for_the_listener(string key, string value)
    {
        Assert.Null(OriginOf(new() { [key] = value }));
    }

    [Fact]
    public void Kestrels_own_endpoints_leave_the_origin_to_the_listener()
    {
        Assert.Null(OriginOf(new() { ["urls"] = "http://127.0.0.1:5196", ["Kestrel:Endpoints:Web:Url"] = "http://127.0.0.1:5000" }));
    }

    [Fact]
    public void A_base_url_is_the_origin_whatever_the_listener()
    {
        var origin = new PublicOrigin(Options.Create(new ArticleSite.Rendering.SiteOptions { BaseUrl = BaseUrl + "/" }), new NoServer());

        Assert.Equal(BaseUrl, origin.BeforeListening(new ConfigurationBuilder().Build()));
    }

    private static string? OriginOf(Dictionary<string, string?> settings) =>
        new PublicOrigin(Options.Create(new ArticleSite.Rendering.SiteOptions()), new NoServer())
            .BeforeListening(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => throw new NotSupportedException();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
