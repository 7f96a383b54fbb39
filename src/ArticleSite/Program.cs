using System.Text.Json.Serialization;
using ArticleSite.Checking;
using ArticleSite.Exporting;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.Extensions.Options;

if (args is [ProbeCommand.Verb, var probed])
    return await ProbeCommand.RunAsync(probed);

ExportCommand? export;
CheckCommand? check;
string[] hostArgs;
try
{
    (export, hostArgs) = ExportCommand.Parse(args);
}
catch (ArgumentException problem)
{
    await Console.Error.WriteLineAsync($"ArticleSite cannot export: {problem.Message}");
    return 2;
}
try
{
    (check, hostArgs) = CheckCommand.Parse(hostArgs);
}
catch (ArgumentException problem)
{
    await Console.Error.WriteLineAsync($"ArticleSite cannot check: {problem.Message}");
    return 2;
}

CompressionMemory.ReturnToSystemWhenFreed();

// appsettings.json is read from beside the app, so a publish folder works from any working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(hostArgs, ContentOptions.CommandLineSwitches);
// The check reads the folder as the server would, reports and ends; no host is built.
if (check is not null)
    return await check.RunAsync(builder.Configuration);
builder.AddMetricsListener();
builder.AddConfiguredConsoleFormat();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
// Serving a request is a lookup that never blocks (rendering and compression run on the thread pool), so it runs on the
// socket thread that read it, without a hop through the thread pool queue: docs/benchmarks.md says what this bought.
// The socket engine reads the variable once, when the first socket opens; set to 0 outside, it turns both halves off.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null or "1")
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
    builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
}
// With this category enabled at any level, hosting starts an Activity and a logging scope for every request:
// turning it off bought 15-23% more cache hits per second (docs/benchmarks.md).
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

builder.Services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section);
builder.Services.AddOptions<ContentLimits>().BindConfiguration(ContentLimits.Section);
builder.Services.AddSiteOptions();
builder.Services.AddSiteHosts();
// Decides which articles are out yet; tests give the publisher a clock of their own.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<MarkdownOptions>().BindConfiguration(MarkdownOptions.Section);
builder.Services.AddSingleton<SitePublisher>();
builder.Services.AddArticleCaching();
builder.Services.AddServerLimits();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, ArticleJsonContext.Default);
    // Numbers are written as numbers; without this the OpenAPI schema says "integer or string".
    json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi();
builder.Services.AddSiteHealthChecks();
builder.Services.AddSiteMetrics(builder.Configuration);

var app = builder.Build();
app.StartSiteMetrics();

SiteOptions site;
try
{
    site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
}
catch (OptionsValidationException problem)
{
    await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
    return 1;
}

try
{
    await app.Services.GetRequiredService<SitePublisher>().PublishAsync();
}
catch (ContentException problem)
{
    await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
    return 1;
}
catch (InvalidOperationException problem) when (problem.InnerException is FormatException or ArgumentException or OverflowException)
{
    // A setting that does not convert (e.g. Markdown:RawHtml=html): the binder's message names the key and the value.
    await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
    return 1;
}

// The export writes the snapshot as files and ends; the server never starts listening.
if (export is not null)
{
    return await export.RunAsync(
        app.Services.GetRequiredService<SitePublisher>().Current, app.Configuration, site, app.Services.GetRequiredService<IOptions<CachingOptions>>().Value);
}

app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseSiteHosts();
// A cache hit is answered here, before routing, the status pages and the body check, which only concern responses
// being made: the cache's policy applies to every request, and the snapshot decides what it stores.
app.UseOutputCache();
app.UseRouting();
app.UseStatusPages();
app.RejectRequestBodies();
app.MapOpenApiDocument();
app.MapSiteHealthChecks();
app.MapSiteMetrics();
app.MapMedia();
app.MapSite();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
