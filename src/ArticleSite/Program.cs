using ArticleSite.Commands;
using ArticleSite.Loading;
using ArticleSite.Media;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Searching;
using ArticleSite.Serving;

// What to do: serve (no verb), or one of the commands (Commands/SiteCommandLine.cs).
if (!SiteCommandLine.TryParse(args, out var command, out var usageProblem))
{
    await Console.Error.WriteLineAsync(usageProblem);
    return SiteCommandLine.UsageExitCode;
}
if (command.ProbeUrl is { } probed)
    return await ProbeCommand.RunAsync(probed);

// appsettings.json is read from beside the app, so a publish folder works from any working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = command.HostArguments, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(command.HostArguments, ContentOptions.CommandLineSwitches);
// The check reads the folder as the server would, reports and ends; no host is built.
if (command.Check is { } check)
    return await check.RunAsync(builder.Configuration);

builder.AddMetricsListener();
builder.AddConfiguredConsoleFormat();
builder.AddRuntimeTuning();
builder.Services.AddSitePublisher();
builder.Services.AddPictureVariants();
builder.Services.AddSiteOptions();
builder.Services.AddSiteHosts();
builder.Services.AddArticleCaching();
builder.Services.AddSite();
builder.Services.AddServerLimits();
builder.Services.AddTrustedProxies();
builder.Services.AddOpenApiDocument();
builder.Services.AddSiteHealthChecks();
builder.Services.AddSiteMetrics(builder.Configuration);
builder.Services.AddSearch();

var app = builder.Build();
app.StartSiteMetrics();
if (!await app.TryPublishFirstSnapshotAsync())
    return 1;

// The export writes the snapshot as files and ends; the server never starts listening.
if (command.Export is { } export)
    return await SiteCommandLine.ExportAsync(export, app);
app.RenderLeadAhead();

// How a request flows through these, file by file: docs/architecture.md.
FirstResponse.UseFirstResponse(app);
app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseSiteHosts();
// A cache hit is answered here, before routing, the status pages and the body check, which only concern responses
// being made: the cache's policy applies to every request, and the resource lookup decides what it stores.
app.UseOutputCache();
app.UseRouting();
app.UseOneUrlPerFile();
app.UseStatusPages();
app.RejectRequestBodies();
app.MapOpenApiDocument();
app.MapSiteHealthChecks();
app.MapSiteMetrics();
app.MapMedia();
app.MapSearch();
app.MapSite();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
