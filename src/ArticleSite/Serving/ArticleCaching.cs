using ArticleSite.Publishing;

namespace ArticleSite.Serving;

/// <summary>The output-cache policy of article responses; its tag lets a new snapshot evict them all at once.</summary>
public static class ArticleCaching
{
    public const string PolicyName = "article";

    public const string Tag = "article";

    public static IServiceCollection AddArticleCaching(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section);
        return services.AddOutputCache(options =>
        {
            // URLs are case-sensitive: /ARTICLE.TXT is not in the rendered table, so the cache must not answer it with /article.txt.
            options.UseCaseSensitivePaths = true;
            // Entries live until a new snapshot evicts them by tag; the expiry only bounds memory for forgotten keys.
            options.AddPolicy(PolicyName, policy => policy
                .AddPolicy<RepresentationCachePolicy>()
                .Tag(Tag)
                .Expire(TimeSpan.FromDays(1))
                .VaryByValue(SnapshotKey));
        });
    }

    /// <summary>
    /// Keys entries by snapshot: a request that began before a swap may store its old response after the eviction,
    /// but under the old snapshot's key, which no later request looks up.
    /// </summary>
    private static KeyValuePair<string, string> SnapshotKey(HttpContext context) =>
        new("snapshot", context.RequestServices.GetRequiredService<SitePublisher>().Current.GenerationKey);
}
