using ArticleSite.Publishing;
using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>One endpoint for every URL of the site: it looks the path up in the rendered snapshot, through the output cache.</summary>
public static class SiteEndpoints
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{**path}", ReadMethods, ServeAsync).CacheOutput(ArticleCaching.PolicyName);
        app.MapMethods(SiteRoutes.Health, ReadMethods, HealthReport.ReportAsync);
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpRequest request, SitePublisher publisher)
    {
        var snapshot = publisher.Current;
        var site = await snapshot.ForOriginAsync(Origin(request));
        var path = request.Path.Value ?? "/";
        if (site.Find(path) is { } resource)
            return new RepresentationResult(await resource.RepresentationAsync());
        return snapshot.IsWithdrawn(path) ? Results.StatusCode(StatusCodes.Status410Gone) : Results.NotFound();
    }

    /// <summary>The public origin the request was made to, e.g. "http://localhost:5080": absolute URLs are rendered for it.</summary>
    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
