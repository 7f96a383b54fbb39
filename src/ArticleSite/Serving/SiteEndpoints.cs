using ArticleSite.Publishing;

namespace ArticleSite.Serving;

/// <summary>One endpoint for every URL of the site: it looks the path up in the rendered snapshot, through the output cache.</summary>
public static class SiteEndpoints
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{**path}", ReadMethods, ServeAsync).CacheOutput(ArticleCaching.PolicyName);
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpRequest request, SitePublisher publisher)
    {
        var site = await publisher.Current.ForOriginAsync($"{request.Scheme}://{request.Host}");
        return site.Find(request.Path.Value ?? "/") is { } resource
            ? new RepresentationResult(resource.Representation)
            : Results.NotFound();
    }
}
