using System.Text.Json.Serialization;
using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;

// appsettings.json is read from beside the app, so a publish folder works from any working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, ContentOptions.CommandLineSwitches);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section);
builder.Services.AddSingleton<SitePublisher>();
builder.Services.AddArticleCaching();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, ArticleJsonContext.Default);
    // Numbers are written as numbers; without this the OpenAPI schema says "integer or string".
    json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi();

var app = builder.Build();

try
{
    await app.Services.GetRequiredService<SitePublisher>().PublishAsync();
}
catch (ContentException problem)
{
    await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
    return 1;
}

app.UseStatusPages();
app.UseOutputCache();
app.MapOpenApi();
app.MapSite();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
