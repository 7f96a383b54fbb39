using ArticleSite.Rendering;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArticleSite.Operations;

/// <summary>
/// How the host and the runtime are tuned for serving a snapshot: each setting, and the measurement behind it
/// (docs/benchmarks.md, "What each change bought" and "Soak run").
/// </summary>
internal static class RuntimeTuning
{
    /// <summary>The runtime's socket engine reads this variable once, when the first socket opens.</summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static WebApplicationBuilder AddRuntimeTuning(this WebApplicationBuilder builder)
    {
        // Brotli's large native buffers went back to glibc's heap, which kept them: RSS rose by 30-60 MB while an article
        // was republished every 200 ms; with the mmap threshold fixed it stays flat (docs/benchmarks.md, Soak run).
        CompressionMemory.ReturnToSystemWhenFreed();

        // No response names the server software (docs/http.md, Output cache).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Serving a request is a lookup that never blocks (rendering and compression run on the thread pool), so it runs
        // on the socket thread that read it, without a hop through the thread pool queue: +10-54% requests per second,
        // at the price of about 0.5 ms more p99 (docs/benchmarks.md, What each change bought). Set to 0 outside, the
        // variable turns both halves off.
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null or "1")
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        // With this category enabled at any level, hosting starts an Activity and a logging scope for every request:
        // turning it off bought 15-23% more cache hits per second (docs/benchmarks.md, What each change bought).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // The framework's settings read while the host is built and started, compiled in rather than built at run time.
        builder.Services.AddOptionsBuiltAhead<HostOptions>()
            .AddOptionsBuiltAhead<ConsoleLifetimeOptions>()
            .AddOptionsBuiltAhead<KestrelServerOptions>()
            .AddOptionsBuiltAhead<SocketTransportOptions>()
            .AddOptionsBuiltAhead<RouteOptions>()
            .AddOptionsBuiltAhead<LoggerFactoryOptions>()
            .AddOptionsBuiltAhead<OutputCacheOptions>()
            .AddOptionsBuiltAhead<ForwardedHeadersOptions>()
            .AddOptionsBuiltAhead<HealthCheckServiceOptions>();
        return builder;
    }
}
