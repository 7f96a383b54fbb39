using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>
/// What a request's URL is in the snapshot the publisher holds: the one place a path is looked up, in the snapshot's URL
/// table for the request's public origin (<see cref="UrlTable"/>), then negotiated (<see cref="Selection"/>). Asked by
/// the output cache's policy for its key, before routing, and by the site's endpoints (<see cref="SiteEndpoints"/>).
/// </summary>
/// <remarks>
/// Made once per request: the endpoint gets the answer the policy got, so looking up, rendering and negotiating run once.
/// The answer is kept on the request as a feature that only this class reads: Kestrel reuses a connection's feature
/// slots, where Items would be a new dictionary per request.
/// </remarks>
internal sealed class ResourceLookup(SitePublisher publisher, PublicOrigin origin, SiteMetrics metrics)
{
    /// <summary>What the request's URL is: looked up in the current snapshot on the request's first call, the same answer after.</summary>
    public ValueTask<Lookup> FindAsync(HttpContext context) =>
        context.Features.Get<Lookup>() is { } made ? new(made) : FindAsync(context, publisher.Current);

    /// <summary>What the request's URL is in <paramref name="snapshot"/>, the request's answer from now on: asked again in a newer snapshot while an article is unavailable.</summary>
    public async ValueTask<Lookup> FindAsync(HttpContext context, SiteSnapshot snapshot)
    {
        var lookup = await LookUpAsync(context.Request, snapshot);
        context.Features.Set(lookup);
        return lookup;
    }

    private async ValueTask<Lookup> LookUpAsync(HttpRequest request, SiteSnapshot snapshot)
    {
        var path = request.Path.Value ?? "/";
        var table = await origin.UrlTableFor(request, snapshot);
        if (table.Find(path) is { } making)
        {
            Resource resource;
            try
            {
                resource = await making;
            }
            catch (ArticleChangedException)
            {
                return Lookup.Unavailable(snapshot);
            }
            var codings = request.Headers.AcceptEncoding;
            return Lookup.Found(await Selection.MakeAsync(resource, request.Headers.Accept.ToString(), codings.Count > 0 ? codings.ToString() : null, metrics));
        }
        if (snapshot.RedirectFor(path) is { } page)
            return Lookup.RedirectTo(page);
        if (ListPageWithSlash(request, table) is { } listing)
            return Lookup.RedirectTo(listing);
        return snapshot.IsWithdrawn(path) ? Lookup.Gone : Lookup.NotFound;
    }

    /// <summary>
    /// Where a list page's URL without its slash (<c>/articles</c>, <c>/tags</c>, <c>/tags/go</c>) goes: its one URL, with the
    /// query string kept; null when no page has that URL.
    /// </summary>
    private static string? ListPageWithSlash(HttpRequest request, UrlTable table)
    {
        // "OPTIONS *" has an empty path, which is no list page's.
        if (request.Path.Value is not { Length: > 1 } path || path.EndsWith('/'))
            return null;
        return table.Find(path + "/") is null ? null : request.Path.ToUriComponent() + "/" + request.QueryString.ToUriComponent();
    }
}
