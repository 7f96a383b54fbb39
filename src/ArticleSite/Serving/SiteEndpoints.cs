using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// One endpoint for every URL of the site: it looks the path up in the rendered snapshot, through the output cache.
/// It answers <c>/healthz</c> too, at that exact path only (routing would match <c>/HEALTHZ</c> and <c>/healthz/</c>).
/// </summary>
/// <remarks>
/// Where each URL is answered (docs/architecture.md follows a request through these files):
/// <list type="bullet">
/// <item>Every URL of <see cref="SiteRoutes"/> (<c>/</c>, <c>/article.txt</c>, <c>/articles/{slug}</c>, <c>/feed.atom</c>,
/// the sitemaps, <c>/robots.txt</c> …): a cache hit by <c>UseOutputCache</c> in Program.cs, before routing; a miss here,
/// which <see cref="Selection"/> looks up in the snapshot's URL table (Rendering/UrlTable.cs) and
/// <see cref="RepresentationResult"/> writes.</item>
/// <item>An article's old URL: 301 here (<c>SiteSnapshot.RedirectFor</c>), as is a list page's URL without its slash; a
/// withdrawn article's URL: 410 here.</item>
/// <item><c>/healthz</c>: here, by <see cref="HealthDetail.AnswerHealthzAsync"/>; <c>/healthz/live</c> and
/// <c>/healthz/ready</c>: Operations/HealthEndpoints.cs; <c>/metrics</c>: Operations/MetricsEndpoint.cs;
/// <c>/openapi/v1.json</c>: <see cref="OpenApiDocumentEndpoint"/>.</item>
/// </list>
/// </remarks>
public static class SiteEndpoints
{
    /// <summary>The pattern of the endpoint that looks every other path up in the snapshot.</summary>
    private const string AnyPath = "/{**path}";

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.Map(AnyPath, ServeAsync).ExcludeFromDescription();
        // The same lookup, named for the OpenAPI document so that it can describe the JSON shape.
        app.MapGet(SiteRoutes.LeadJson, ServeAsync)
            .Produces<ArticleJson>(StatusCodes.Status200OK, "application/json")
            .WithTags("Article")
            .WithSummary("The lead article as JSON: metadata, word count, reading time and sections as plain text.");
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpContext context, IOptions<HttpCachingOptions> caching, SitePublisher publisher, PublicOrigin origin)
    {
        var snapshot = publisher.Current;
        var path = context.Request.Path.Value ?? "/";
        var selection = await Selection.ForAsync(context, snapshot, origin);
        // A snapshot may come out meanwhile for another file's change: wait on until one publishes this file as it is now.
        var waitingSince = System.Diagnostics.Stopwatch.GetTimestamp();
        while (context.Features.Get<BodyUnavailable>() is not null
            && System.Diagnostics.Stopwatch.GetElapsedTime(waitingSince) is var waited && waited < BodyUnavailable.WaitForNextSnapshot)
        {
            var next = await publisher.NextSnapshotAsync(snapshot, BodyUnavailable.WaitForNextSnapshot - waited);
            if (ReferenceEquals(next, snapshot))
                break;
            context.Features.Set<BodyUnavailable>(null);
            snapshot = next;
            selection = await Selection.ForAsync(context, snapshot, origin);
        }
        if (context.Features.Get<BodyUnavailable>() is not null)
        {
            context.Response.Headers.RetryAfter = BodyUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        // The OpenAPI document's own endpoint takes GET and HEAD; any other method for it ends here.
        if (selection is null && path is not (SiteRoutes.Health or OpenApiDocumentEndpoint.Path or SiteRoutes.Search))
        {
            // An alias can move to a newer article, so a browser keeps its 301 only as long as a page.
            if (snapshot.RedirectFor(path) is { } page)
                return Redirect(context.Response, page, caching.Value);
            if (await WithSlashAsync(context, snapshot, origin) is { } listing)
                return Redirect(context.Response, listing, caching.Value);
            return snapshot.IsWithdrawn(path)
                ? Results.StatusCode(StatusCodes.Status410Gone)
                : Results.NotFound();
        }

        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        if (selection is null)
            return await HealthDetail.AnswerHealthzAsync(context.Request, context.Response, publisher, origin);
        return new RepresentationResult(selection, caching.Value.CacheControlFor(selection.Resource.Freshness));
    }

    /// <summary>
    /// Where a list page's URL without its slash (<c>/articles</c>, <c>/tags</c>, <c>/tags/go</c>) goes: its one URL, with the
    /// query string kept; null when no page has that URL.
    /// </summary>
    private static async Task<string?> WithSlashAsync(HttpContext context, SiteSnapshot snapshot, PublicOrigin origin)
    {
        var request = context.Request;
        // "OPTIONS *" has an empty path, which is no list page's.
        if (request.Path.Value is not { Length: > 1 } path || path.EndsWith('/'))
            return null;
        var site = await origin.UrlTableFor(request, snapshot);
        return site.Find(path + "/") is null ? null : request.Path.ToUriComponent() + "/" + request.QueryString.ToUriComponent();
    }

    private static IResult Redirect(HttpResponse response, string location, HttpCachingOptions caching)
    {
        response.Headers.CacheControl = caching.ArticleCacheControl;
        return Results.Redirect(location, permanent: true);
    }

    /// <summary>
    /// Routing takes <c>/openapi/v1.json/</c> or <c>/media/{hash}/{name}/</c> for the file's own URL; those are other
    /// URLs, and get 404, so each file has one. Runs after routing, so a cache hit never reaches it.
    /// </summary>
    public static IApplicationBuilder UseOneUrlPerFile(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.Value is { Length: > 1 } path && path.EndsWith('/')
            && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: not AnyPath })
            context.SetEndpoint(null);
        return next(context);
    });
}
