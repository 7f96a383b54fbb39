using System.Text.Json.Serialization;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ArticleSite.Serving;

/// <summary>
/// The OpenAPI document that <c>AddOpenApi</c> describes, made once (<see cref="OpenApiDocument"/>) and served like
/// every resource of the site: a strong ETag, Brotli and gzip, the site's Cache-Control. Mapped here instead of with
/// <c>MapOpenApi</c>, whose set-up at start-up cost the Native AOT binary about 4 ms of its 100 ms to a first response
/// (docs/benchmarks.md, What each change bought: Native AOT start-up), and which makes the document again for every request.
/// </summary>
internal static class OpenApiDocumentEndpoint
{
    /// <summary>The document <c>AddOpenApi()</c> registers when given no name.</summary>
    public const string DocumentName = "v1";

    public const string Path = "/openapi/v1.json";

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The JSON shapes the document describes, from the source-generated context, and the document itself.</summary>
    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ArticleJsonContext.Default);
            // Numbers are written as numbers; without this the OpenAPI schema says "integer or string".
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi();
        services.AddSingleton<OpenApiDocument>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, GetAndHead, ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, OpenApiDocument document, IOptions<HttpCachingOptions> caching, SiteMetrics metrics)
    {
        // Routing matches methods case-insensitively: "get" is routed here too.
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        var codings = context.Request.Headers.AcceptEncoding;
        var selection = await Selection.MakeAsync(await document.Resource.Value, accept: null, codings.Count > 0 ? codings.ToString() : null, metrics);
        return new RepresentationResult(selection, caching.Value.ArticleCacheControl);
    }
}

/// <summary>
/// The OpenAPI document as a resource, made on the first request and kept: it describes the endpoints, which do not
/// change while the process runs, and is made without the request, so it names no request's host.
/// </summary>
internal sealed class OpenApiDocument(IServiceProvider services)
{
    public MadeOnce<Resource> Resource { get; } = new(() => MakeAsync(services));

    private static async Task<Resource> MakeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiDocumentEndpoint.DocumentName);
        var version = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get(OpenApiDocumentEndpoint.DocumentName).OpenApiVersion;
        var json = await (await documents.GetOpenApiDocumentAsync()).SerializeAsJsonAsync(version);
        return new Resource(Representation.FromText("application/json; charset=utf-8", json));
    }
}
