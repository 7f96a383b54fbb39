using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>How long browsers and proxies may keep responses: the "Caching" configuration section.</summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>For fingerprinted assets, whose URL changes with their bytes.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The Cache-Control of the article and of everything else that an edit of the content may change.</summary>
    public string ArticleCacheControl { get; set; } = "public, max-age=300, stale-while-revalidate=86400";

    public string CacheControlFor(Freshness freshness) =>
        freshness == Freshness.Immutable ? ImmutableCacheControl : ArticleCacheControl;
}
