using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Serving;

/// <summary>
/// Keys cached responses on the negotiated media type and coding rather than on the raw Accept and Accept-Encoding strings,
/// which differ between every browser and would multiply the entries. Range requests bypass the cache: it stores whole 200s.
/// </summary>
public sealed class RepresentationCachePolicy : IOutputCachePolicy
{
    public const string VaryKey = "representation";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Request.Headers.Range.Count > 0)
        {
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
        }

        if (await Selection.ForAsync(context.HttpContext) is { } selection)
            context.CacheVaryByRules.VaryByValues[VaryKey] = selection.CacheKey;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
