using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>One endpoint for every URL of the site: it looks the path up in the rendered snapshot, through the output cache.</summary>
public static class SiteEndpoints
{
    private const string AllowedMethods = "GET, HEAD";

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.Map("/{**path}", ServeAsync).ExcludeFromDescription();
        // The same lookup, named for the OpenAPI document so that it can describe the JSON shape.
        app.MapGet(SiteRoutes.LeadJson, ServeAsync)
            .Produces<ArticleJson>(StatusCodes.Status200OK, "application/json")
            .WithTags("Article")
            .WithSummary("The lead article as JSON: metadata, word count, reading time and sections as plain text.");
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpContext context, IOptions<CachingOptions> caching, SitePublisher publisher)
    {
        var snapshot = publisher.Current;
        if (await Selection.ForAsync(context, snapshot) is not { } selection)
        {
            return snapshot.IsWithdrawn(context.Request.Path.Value ?? "/")
                ? Results.StatusCode(StatusCodes.Status410Gone)
                : Results.NotFound();
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = AllowedMethods;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        return new RepresentationResult(selection, caching.Value.CacheControlFor(selection.Resource.Freshness));
    }
}
