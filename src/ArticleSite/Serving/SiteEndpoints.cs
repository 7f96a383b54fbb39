using System.Diagnostics;
using System.Globalization;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>
/// The endpoints of the snapshot's URLs, one route per family of <see cref="SiteRoutes"/>. Each answers what
/// <see cref="ResourceLookup"/> says its URL is; a cache hit never reaches them (<c>UseOutputCache</c> in Program.cs).
/// </summary>
/// <remarks>
/// The routes say which endpoint a URL reaches; what it is, the lookup alone says, on the exact path (routing ignores
/// case and a trailing slash, which are other URLs). Elsewhere: <c>/healthz</c>, <c>/healthz/live</c> and
/// <c>/healthz/ready</c> in Operations/HealthEndpoints.cs, <c>/metrics</c> in Operations/MetricsEndpoint.cs,
/// <c>/search</c> in Searching/SearchEndpoint.cs, <c>/media/…</c> in Media/MediaEndpoint.cs and
/// <c>/openapi/v1.json</c> in <see cref="OpenApiDocumentEndpoint"/>.
/// </remarks>
internal static class SiteEndpoints
{
    /// <summary>Metadata of the endpoints that answer by the lookup, which knows the URLs with a trailing slash (<see cref="UseOneUrlPerFile"/>).</summary>
    private sealed class AnswersByLookup;

    /// <summary>The resource lookup, which the output cache's policy and the endpoints share.</summary>
    public static IServiceCollection AddSite(this IServiceCollection services) => services.AddSingleton<ResourceLookup>();

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        var site = app.MapGroup("").ExcludeFromDescription().WithMetadata(new AnswersByLookup());

        // The front page (the lead article's page when it is the only one) and the archive's pages.
        site.MapMethods(SiteRoutes.Home, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Archive, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.ArchivePagePattern, ReadMethods.Names, AnswerAsync);

        // Each article as a page, text, Markdown and JSON; the lead article's forms at /article.*.
        site.MapMethods(SiteRoutes.ArticlePattern, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.LeadText, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.LeadMarkdown, ReadMethods.Names, AnswerAsync);
        // Named for the OpenAPI document, which describes the JSON shape; HEAD reaches it through the last route.
        app.MapGet(SiteRoutes.LeadJson, AnswerAsync)
            .WithMetadata(new AnswersByLookup())
            .Produces<ArticleJson>(StatusCodes.Status200OK, "application/json")
            .WithTags("Article")
            .WithSummary("The lead article as JSON: metadata, word count, reading time and sections as plain text.");

        // The tags, each tag's pages and its feed.
        site.MapMethods(SiteRoutes.Tags, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.TagPagePattern, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.TagPageNumberPattern, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.TagFeedPattern, ReadMethods.Names, AnswerAsync);

        // The feed, and the files crawlers, language models and browsers ask every site for.
        site.MapMethods(SiteRoutes.Feed, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Sitemap, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.SitemapPartPattern, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Robots, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Llms, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Favicon, ReadMethods.Names, AnswerAsync);
        site.MapMethods(SiteRoutes.Icon, ReadMethods.Names, AnswerAsync);

        // Every other path and method: an article's old URL (301), a withdrawn article's (410), 405 for a URL above or
        // for /search and the OpenAPI document, 404 for the rest.
        site.Map(SiteRoutes.AnyPathPattern, AnswerAsync);
        return app;
    }

    /// <summary>Answers what the lookup says the URL is: the one handler of the routes above, which differ only in what they match.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, ResourceLookup resources, SitePublisher publisher, IOptions<HttpCachingOptions> caching)
    {
        var lookup = await LookUpWhenAvailableAsync(context, resources, publisher);
        var request = context.Request;
        switch (lookup.Outcome)
        {
            case LookupOutcome.Unavailable:
                context.Response.Headers.RetryAfter = Lookup.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            case LookupOutcome.Redirect:
                // An alias can move to a newer article, so a browser keeps its 301 only as long as a page.
                context.Response.Headers.CacheControl = caching.Value.ArticleCacheControl;
                return Results.Redirect(lookup.Location!, permanent: true);
            case LookupOutcome.Gone:
                return Results.StatusCode(StatusCodes.Status410Gone);
            case LookupOutcome.NotFound:
                // Their own endpoints take GET and HEAD alone; any other method for them ends here.
                return request.Path.Value is SiteRoutes.Search or OpenApiDocumentEndpoint.Path && !ReadMethods.Allows(request.Method)
                    ? ReadMethods.NotAllowed(context.Response)
                    : Results.NotFound();
        }
        if (!ReadMethods.Allows(request.Method))
            return ReadMethods.NotAllowed(context.Response);
        return new RepresentationResult(lookup.Selection, caching.Value.CacheControlFor(lookup.Selection.Resource.Freshness));
    }

    /// <summary>
    /// What the lookup says; for an unavailable article, what it says in each snapshot that comes out meanwhile (another
    /// file's change may come first) until one publishes the article's file as it is now, or the wait is over.
    /// </summary>
    private static async ValueTask<Lookup> LookUpWhenAvailableAsync(HttpContext context, ResourceLookup resources, SitePublisher publisher)
    {
        var lookup = await resources.FindAsync(context);
        var waitingSince = Stopwatch.GetTimestamp();
        while (lookup is { Outcome: LookupOutcome.Unavailable, Snapshot: { } snapshot }
            && Stopwatch.GetElapsedTime(waitingSince) is var waited && waited < Lookup.WaitForNextSnapshot)
        {
            var next = await publisher.NextSnapshotAsync(snapshot, Lookup.WaitForNextSnapshot - waited);
            if (ReferenceEquals(next, snapshot))
                break;
            lookup = await resources.FindAsync(context, next);
        }
        return lookup;
    }

    /// <summary>
    /// Routing takes <c>/openapi/v1.json/</c> or <c>/media/{hash}/{name}/</c> for the file's own URL; those are other
    /// URLs, and get 404, so each file has one. The site's endpoints ask the lookup, for which such a URL may be an
    /// article's old one. Runs after routing, so a cache hit never reaches it.
    /// </summary>
    public static IApplicationBuilder UseOneUrlPerFile(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.Value is { Length: > 1 } path && path.EndsWith('/')
            && context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<AnswersByLookup>() is null)
            context.SetEndpoint(null);
        return next(context);
    });
}
