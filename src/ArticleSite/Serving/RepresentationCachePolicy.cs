using ArticleSite.Searching;
using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Serving;

/// <summary>
/// Caches whole 200 answers to GET and HEAD, keyed on the body the negotiation chose rather than on the raw Accept and
/// Accept-Encoding strings, which differ between every browser and would multiply the entries. The query string is not
/// part of the key: no resource depends on it, so /?utm_source=x is a hit on /.
/// </summary>
internal sealed class RepresentationCachePolicy(IServiceProvider services) : IOutputCachePolicy
{
    /// <summary>Entries live until a new snapshot evicts them by tag; the expiry only bounds memory for forgotten keys.</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(1);

    /// <summary>
    /// Looked up on first use, not injected: the lookup reads the publisher, which evicts through the cache store, which is
    /// made from the options that hold this policy.
    /// </summary>
    private ResourceLookup? resources;

    private SearchIndex? search;

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // A search is keyed on its normalized query before it runs: a hit costs no search.
        if (SearchEndpoint.CacheKey(context.HttpContext, search ??= services.GetRequiredService<SearchIndex>()) is { } searchKey)
        {
            CacheWhole(context, searchKey, SearchEndpoint.CacheExpiry);
            return;
        }
        // The endpoint gets this same answer from the lookup: the request is looked up, rendered and negotiated once.
        var lookup = await (resources ??= services.GetRequiredService<ResourceLookup>()).FindAsync(context.HttpContext);
        CacheWhole(context, lookup is { Outcome: LookupOutcome.Found, Selection.Body: { } body } ? body.CacheKey : null, Expiry);
    }

    /// <param name="key">What the entry is keyed on; null for a response never cached.</param>
    private static void CacheWhole(OutputCacheContext context, string? key, TimeSpan expiry)
    {
        context.EnableOutputCaching = true;
        // No request waits for another to fill an entry: the bodies are already in the snapshot, so making a response
        // again costs less than waiting, and a client reading slowly would hold every waiter for as long as it takes.
        context.AllowLocking = false;
        context.ResponseExpirationTimeSpan = expiry;
        // 404s, 406s, other methods, Ranges (cut from the snapshot's bytes), If-Match (which may be 412) and requests with
        // content (413) are answered afresh, without a lookup.
        if (key is null || !AsksForTheWholeBody(context.HttpContext))
            return;

        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // A prefix rather than VaryByValues: the key gets no dictionary to fill and sort on every request. The body is of
        // one snapshot, so a request that began before a swap stores its old response under a key no later request makes.
        context.CacheVaryByRules.CacheKeyPrefix = key;
        // The body is of the one rendering this request's origin gets (PublicOrigin), whatever its Host says: with the
        // Host in the key, 20,000 Host ports made 20,000 entries of the same bytes.
        context.CacheVaryByRules.VaryByHost = false;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // The cache would compare If-Modified-Since with the Date it stored, when it filled the entry: a time that is not
        // the content's and differs between replicas. The site has no modification date, so the header is ignored
        // (RFC 9110 §13.1.3) here as at the endpoint; If-None-Match is still answered with 304 by the cache.
        var request = context.HttpContext.Request;
        if (request.Headers.IfModifiedSince.Count > 0)
            request.Headers.IfModifiedSince = default;
        CacheHitHeaders.RestampAtStart(context.HttpContext.Response);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs only for a response being made, so a cache hit fills no tag set.</summary>
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // A 304 to a conditional request is not the resource.
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
            context.AllowCacheStorage = false;
        else
            context.Tags.Add(ArticleCaching.Tag);
        return ValueTask.CompletedTask;
    }

    private static bool AsksForTheWholeBody(HttpContext context) =>
        ReadMethods.Allows(context.Request.Method)
        && context.Request.Headers.Range.Count == 0
        && context.Request.Headers.IfMatch.Count == 0
        && !RequestBodies.HasContent(context);
}
