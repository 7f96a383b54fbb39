using System.Text.Json.Serialization;
using ArticleSite.Rendering;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ArticleSite.Serving;

/// <summary>
/// The OpenAPI document that <c>AddOpenApi</c> describes, made on request. Mapped here instead of with <c>MapOpenApi</c>,
/// whose set-up at start-up cost the Native AOT binary about 4 ms of its 100 ms to a first response (docs/benchmarks.md).
/// </summary>
public static class OpenApiDocumentEndpoint
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
        return services;
    }

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, GetAndHead, ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context, [FromKeyedServices(DocumentName)] IOpenApiDocumentProvider documents, IOptionsMonitor<OpenApiOptions> options, CancellationToken cancellation)
    {
        // Routing matches methods case-insensitively: "get" is routed here too.
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        var document = await documents.GetOpenApiDocumentAsync(cancellation);
        var json = await document.SerializeAsJsonAsync(options.Get(DocumentName).OpenApiVersion, cancellation);
        return Results.Text(json, "application/json; charset=utf-8");
    }
}
