using Microsoft.Extensions.Options;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace ArticleSite.Searching;

/// <summary>
/// <c>GET /search?q=…&amp;page=N</c>: the search page, or its results as JSON by <c>Accept</c>, made from the search
/// index and the published snapshot. Each answer is a resource like the site's pages (its ETag, Brotli and gzip), kept
/// in the output cache under the normalized query (<see cref="CacheKey"/>), so "Seoul", " seoul " and "SEOUL" share one
/// entry; the cache's size limit bounds what distinct queries can take.
/// </summary>
internal static class SearchEndpoint
{
    /// <summary>A minute: results follow every publication, and a reader's back button should not ask again at once.</summary>
    public const string CacheControl = "public, max-age=60";

    /// <summary>How long the output cache keeps a search: a new snapshot or index change makes new keys; this frees forgotten ones sooner.</summary>
    public static readonly TimeSpan CacheExpiry = TimeSpan.FromMinutes(10);

    private static readonly string[] Offered = ["text/html", "application/json"];

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    private static readonly SearchJsonContext Json = new(new JsonSerializerOptions(SearchJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<SearchOptions>>(SearchOptions.Rules);
        services.AddSingleton<FirstResponse>();
        services.AddSingleton<SearchIndex>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchIndex>());
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapMethods(SiteRoutes.Search, GetAndHead, ServeAsync)
            .Produces<SearchJson>(StatusCodes.Status200OK, "application/json")
            .WithTags("Search")
            .WithSummary("The articles matching q, best first, 20 a page: every word required, the last one as a prefix, \"quoted phrases\" in order.");
        return app;
    }

    /// <summary>
    /// What the output cache keys a search on: the index's version, the negotiated media type and coding, the page and
    /// the normalized query; null for another path, or a query too long to be answered with anything but 400.
    /// </summary>
    public static string? CacheKey(HttpContext context, SearchIndex index)
    {
        var request = context.Request;
        if (!string.Equals(request.Path.Value, SiteRoutes.Search, StringComparison.Ordinal))
            return null;
        var query = SearchQuery.Normalize(First(request.Query["q"]));
        if (query.Length > SearchQuery.MaxLength)
            return null;
        var type = MediaTypeNegotiation.Choose(request.Headers.Accept.ToString(), Offered);
        var coding = EncodingNegotiation.Choose(request.Headers.AcceptEncoding is { Count: > 0 } codings ? codings.ToString() : null);
        return $"search|{index.Version}|{type}|{coding}|{First(request.Query["page"])}|{query}";
    }

    private static async Task<IResult> ServeAsync(HttpContext context, SearchIndex index, SitePublisher publisher, SiteMetrics metrics)
    {
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        var request = context.Request;
        var query = SearchQuery.Parse(First(request.Query["q"]), out var problem);
        if (problem is not null)
            return BadRequest(problem);
        if (!TryReadPage(First(request.Query["page"]), out var page))
            return BadRequest($"The page is a whole number from 1 to {SearchPageModel.MaxPages}.");

        var snapshot = publisher.Current;
        var model = query is null
            ? new SearchPageModel("", 1, 0, false, [])
            : await Task.Run(() => Find(index, snapshot, query, page));
        if (page > model.PageCount)
            return Results.NotFound();
        model = model with
        {
            Site = snapshot.Identity,
            HasTags = snapshot.Tags.All.Count > 0,
        };
        var html = Representation.ForOneAnswer("text/html; charset=utf-8", Encoding.UTF8.GetBytes(await PageRenderer.RenderSearchAsync(model)));
        var json = Representation.ForOneAnswer("application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(Describe(model), Json.SearchJson));
        var selection = await Selection.MakeAsync(new Resource([html, json]), request.Headers.Accept.ToString(),
            request.Headers.AcceptEncoding is { Count: > 0 } codings ? codings.ToString() : null, metrics);
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        if (model.Notice is "search-slow" or "search-unavailable")
        {
            // Another try may well succeed: neither this answer nor the reader's browser keeps it.
            if (context.Features.Get<IOutputCacheFeature>() is { } caching)
                caching.Context.AllowCacheStorage = false;
            return new RepresentationResult(selection, "no-store");
        }
        return new RepresentationResult(selection, CacheControl);
    }

    /// <summary>One page of results, as the current snapshot publishes them: a hit the snapshot no longer has is left out.</summary>
    private static SearchPageModel Find(SearchIndex index, SiteSnapshot snapshot, SearchQuery query, int page)
    {
        SearchHits? hits;
        try
        {
            hits = index.Search(query, (page - 1) * SearchPageModel.PageLength, SearchPageModel.PageLength);
        }
        catch (SearchUnavailableException)
        {
            return new SearchPageModel(query.Normalized, page, 0, false, []) { Notice = "search-unavailable" };
        }
        if (hits is null)
            return new SearchPageModel(query.Normalized, page, 0, false, []) { Notice = "search-slow" };
        var results = new List<SearchResult>();
        foreach (var hit in hits.Hits)
        {
            if (snapshot.ArticleWithSlug(hit.Slug) is { } article)
                results.Add(new SearchResult(article, SearchText.Restore(hit.Snippet.Contains(SearchText.MarkStart) ? hit.Snippet : hit.Summary)));
        }
        return new SearchPageModel(query.Normalized, page, hits.Count, hits.More, results) { Notice = index.Building ? "search-building" : null };
    }

    private static SearchJson Describe(SearchPageModel model) => new(
        model.Query, model.Page, model.PageCount, model.Count, model.More, model.Notice,
        [.. model.Results.Select(result => new SearchResultJson(
            SiteRoutes.ArticlePage(result.Article.Metadata.Slug), result.Article.Metadata.Title, result.Article.Metadata.IsoDate,
            [.. result.Article.Metadata.Authors.Select(person => person.Display)], result.Article.Metadata.Summary, result.Snippet))]);

    private static bool TryReadPage(string? text, out int page)
    {
        page = 1;
        return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= SearchPageModel.MaxPages;
    }

    /// <summary>A query string's first value for a name: <c>?q=a&amp;q=b</c> searches for "a".</summary>
    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    private static IResult BadRequest(string problem) =>
        Results.Text($"400 Bad Request\n{problem}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
