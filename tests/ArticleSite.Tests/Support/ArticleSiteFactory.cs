using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ArticleSite.Tests.Support;

/// <summary>The site on a real Kestrel socket on 127.0.0.1, publishing a given content folder (the repository's own by default).</summary>
public class ArticleSiteFactory : WebApplicationFactory<Program>
{
    public ArticleSiteFactory() => UseKestrel(kestrel =>
    {
        kestrel.Listen(IPAddress.Loopback, 0);
        if (OperatorPort is { } port)
            kestrel.Listen(IPAddress.Loopback, port);
    });

    public string ContentFolder { get; init; } = RepositoryPaths.Content;

    /// <summary>Configuration settings for this site, e.g. <c>["ContentLimits:FileTimeBudget"] = "00:00:00.1"</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The site's cache folder (<c>Cache:Path</c>): a new temporary folder by default; empty keeps nothing on disk.</summary>
    public string CacheFolder { get; init; } = Directory.CreateTempSubdirectory("articlesite-cache-").FullName;

    /// <summary>Where the site's log lines go besides the console, for a test that reads them; none by default.</summary>
    public CapturedLog? LogCapture { get; init; }

    /// <summary>
    /// The clock that decides which articles are out yet and times the reloads (a FakeTimeProvider, which a test waiting
    /// for an edit moves on: see <see cref="Eventually"/>); the system's by default.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary><c>Markdown:RawHtml</c>: sanitize, text or omit; the site's default when null.</summary>
    public string? RawHtml { get; init; }

    /// <summary>An address whose X-Forwarded-* headers the site trusts (<c>Proxy:KnownProxies</c>); none by default.</summary>
    public string? TrustedProxy { get; init; }

    /// <summary>The site's public address (<c>Site:BaseUrl</c>); none by default, so the site answers loopback hosts only.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>
    /// Counts what the output cache answers from its store. Taken from this factory's own host: a factory derived with
    /// WithWebHostBuilder runs ConfigureWebHost on this instance again, for its own host.
    /// </summary>
    public CountingOutputCacheStore CacheStore => (CountingOutputCacheStore)Services.GetRequiredService<IOutputCacheStore>();

    /// <summary>The operator's listener (<c>Metrics:Port</c>) on 127.0.0.1, with <c>/metrics</c>; none by default.</summary>
    public int? OperatorPort { get; init; }

    /// <summary>A client that sends exactly the headers a test sets and decompresses nothing, over the real socket.</summary>
    public HttpClient CreateRawClient() =>
        new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = CreateClient().BaseAddress,
        };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (CacheFolder.Contains("articlesite-cache-", StringComparison.Ordinal) && Directory.Exists(CacheFolder))
            Directory.Delete(CacheFolder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Content:Path", ContentFolder);
        // Warnings and errors only: hundreds of hosts' start-up lines would bury a failing test's report in CI's log.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Health.GetAsync reads the problem detail from the site's own port; HealthCheckTests turn this off.
        builder.UseSetting("Metrics:PublicHealthDetail", "true");
        // Each site keeps its cache in a folder of its own, never in the user's cache folder.
        builder.UseSetting("Cache:Path", CacheFolder);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (RawHtml is not null)
            builder.UseSetting("Markdown:RawHtml", RawHtml);
        if (TrustedProxy is not null)
            builder.UseSetting("Proxy:KnownProxies:0", TrustedProxy);
        if (BaseUrl is not null)
            builder.UseSetting("Site:BaseUrl", BaseUrl);
        if (OperatorPort is not null)
            builder.UseSetting("Metrics:Port", $"{OperatorPort}");
        if (LogCapture is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(LogCapture));
        builder.ConfigureTestServices(services =>
        {
            var original = services.Single(service => service.ServiceType == typeof(IOutputCacheStore));
            services.Remove(original);
            services.AddSingleton<IOutputCacheStore>(provider =>
                new CountingOutputCacheStore((IOutputCacheStore)original.ImplementationFactory!(provider)));
            if (Clock is not null)
                services.Replace(ServiceDescriptor.Singleton(Clock));
        });
    }
}
