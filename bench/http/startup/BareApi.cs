// The floor for bench/http/startup/run: a bare ASP.NET Core minimal API, published as Native AOT with the same SDK and
// the same repository-wide settings as the site (Directory.Build.props), answering / and an article's path with a few
// bytes of text. A file-based app, so that it is in no solution and no test run: `dotnet publish bench/http/startup/BareApi.cs`.
#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=true

// Its content root is its own folder, as the site's is: the default, the working directory, is watched recursively.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var app = builder.Build();
app.MapGet("/", () => "Hello from a bare minimal API.\n");
app.MapGet("/articles/{slug}", (string slug) => $"An article named {slug}.\n");
app.Run();
