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
            // Entries live until a new snapshot evicts them by tag; the expiry only bounds memory for forgotten keys.
            options.AddPolicy(PolicyName, policy => policy
                .AddPolicy<RepresentationCachePolicy>()
                .Tag(Tag)
                .Expire(TimeSpan.FromDays(1))));
    }
}
