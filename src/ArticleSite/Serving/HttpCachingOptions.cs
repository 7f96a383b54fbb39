using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>How long browsers and proxies may keep responses, and what the output cache holds: the "Caching" configuration section (the cache folder is <see cref="Operations.CacheFolderOptions"/>).</summary>
internal sealed class HttpCachingOptions
{
    public const string Section = "Caching";

    /// <summary>For fingerprinted assets, whose URL changes with their bytes.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The Cache-Control of the article and of everything else that an edit of the content may change.</summary>
    public string ArticleCacheControl { get; set; } = "public, max-age=300, stale-while-revalidate=86400";

    /// <summary>
    /// The bytes the output cache may hold (the framework's default is 100 MB). At 100,000 articles it cannot hold every
    /// response, nor should it: news traffic goes mostly to the newest articles, and 64 MiB holds about ten thousand
    /// Brotli pages; what it evicts is answered again from the rendered bodies, and below those from the file.
    /// </summary>
    public long OutputCacheSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest response the output cache stores (the framework's default is 64 MB): 8 MiB keeps a child sitemap of
    /// 50,000 URLs (about 5 MB) and every page; a larger body is answered from the snapshot's bytes each time rather
    /// than pushing thousands of pages out of the cache at once.
    /// </summary>
    public long MaximumCachedBody { get; set; } = 8L * 1024 * 1024;

    /// <summary>The ranges its settings must be in, checked at start-up.</summary>
    public static Operations.SettingRules<HttpCachingOptions> Rules => new Operations.SettingRules<HttpCachingOptions>(Section)
        .Add(options => string.IsNullOrWhiteSpace(options.ArticleCacheControl) ? $"{Section}:{nameof(ArticleCacheControl)} is empty" : null)
        .AtLeast(nameof(OutputCacheSize), options => options.OutputCacheSize, 1)
        .AtLeast(nameof(MaximumCachedBody), options => options.MaximumCachedBody, 1);

    public string CacheControlFor(Freshness freshness) =>
        freshness == Freshness.Immutable ? ImmutableCacheControl : ArticleCacheControl;
}
