using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Serving;

/// <summary>The output-cache policy of article responses; its tag lets a new snapshot evict them all at once.</summary>
public static class ArticleCaching
{
    public const string PolicyName = "article";

    public const string Tag = "article";

    public static IServiceCollection AddArticleCaching(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section);
        services.AddOutputCache();
        // An instance made here rather than AddPolicy<T>, which looks its options up in RequestServices on every
        // request: that created a DI scope for each cache hit.
        services.AddOptions<OutputCacheOptions>().Configure<IServiceProvider>((options, services) =>
        {
            // URLs are case-sensitive: /ARTICLE.TXT is not in the rendered table, so the cache must not answer it with /article.txt.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PolicyName, new RepresentationCachePolicy(services));
        });
        return services;
    }
}
