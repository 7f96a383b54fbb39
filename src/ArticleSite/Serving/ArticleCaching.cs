using ArticleSite.Operations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>The output cache of the site's responses; its tag lets a new snapshot evict them all at once.</summary>
internal static class ArticleCaching
{
    public const string Tag = "article";

    /// <summary>Evicts every stored response: once a new snapshot is swapped in, each was made from an earlier one.</summary>
    public static ValueTask EvictEarlierSnapshotsAsync(this IOutputCacheStore cache) => cache.EvictByTagAsync(Tag, CancellationToken.None);

    public static IServiceCollection AddArticleCaching(this IServiceCollection services)
    {
        services.AddOptions<HttpCachingOptions>().BindConfiguration(HttpCachingOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<HttpCachingOptions>>(HttpCachingOptions.Rules);
        services.AddOutputCache();
        // A base policy, so a hit needs no endpoint and is answered before routing; an instance made here rather than
        // AddPolicy<T>, which looks its options up in RequestServices on every request (a DI scope for each hit).
        services.AddOptions<OutputCacheOptions>().Configure<IServiceProvider>((options, services) =>
        {
            // Chosen, not the framework's defaults: HttpCachingOptions says why.
            var caching = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpCachingOptions>>().Value;
            options.SizeLimit = caching.OutputCacheSize;
            options.MaximumBodySize = caching.MaximumCachedBody;
            // URLs are case-sensitive: /ARTICLE.TXT is not in the rendered table, so the cache must not answer it with /article.txt.
            options.UseCaseSensitivePaths = true;
            options.AddBasePolicy(new RepresentationCachePolicy(services));
        });
        return services;
    }
}
