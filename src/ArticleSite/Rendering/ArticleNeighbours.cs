using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// Where an article's page leads on, in one snapshot: the next older and next newer article in the archive's order, and
/// up to <see cref="MostRelated"/> related ones. Worked out when the page is asked for, at a bounded cost that does not
/// grow with the number of articles (<see cref="Of"/>), so a snapshot of 100,000 articles costs nothing more to publish.
/// </summary>
/// <param name="Previous">The next older article; null for the oldest.</param>
/// <param name="Next">The next newer article; null for the newest.</param>
/// <param name="Related">
/// The articles sharing most tags with it, the nearest in date first among equals; none share no tag. Never the previous
/// or next article, which the page links already.
/// </param>
public sealed record ArticleNeighbours(Article? Previous, Article? Next, IReadOnlyList<Article> Related)
{
    public const int MostRelated = 3;

    /// <summary>Of each tag's articles, this many on either side of the article in date are candidates for <see cref="Related"/>.</summary>
    public const int CandidatesEachSide = 50;

    /// <summary>The article's first this many tags are looked through for <see cref="Related"/>.</summary>
    public const int MostTagsLookedAt = 32;

    public static ArticleNeighbours None { get; } = new(null, null, []);

    /// <summary>
    /// The article's neighbours among <paramref name="snapshot"/>'s articles. Budget: a binary search of the archive
    /// (17 comparisons at 100,000), then, for each of at most <see cref="MostTagsLookedAt"/> tags, a binary search of
    /// its articles and a window of 2 × <see cref="CandidatesEachSide"/> around the article: at most 3,200 candidates,
    /// however many articles a tag has. A related article that is further than that window from it in every tag it
    /// shares is not found: on a news site the nearest ones in date are the ones worth reading next.
    /// </summary>
    internal static ArticleNeighbours Of(SiteSnapshot snapshot, Article article)
    {
        var articles = snapshot.Articles;
        var at = IndexOf(articles, article);
        if (at < 0)
            return None;
        var previous = at + 1 < articles.Count ? articles[at + 1] : null;
        var next = at > 0 ? articles[at - 1] : null;
        return new(previous, next, RelatedTo(snapshot.Tags, article, linked: [previous, next]));
    }

    /// <param name="linked">The articles the page links already (previous and next, null for none): not candidates.</param>
    private static List<Article> RelatedTo(TagIndex tags, Article article, Article?[] linked)
    {
        var shared = new Dictionary<Article, int>(ReferenceEqualityComparer.Instance);
        var slugs = article.Metadata.Tags.Select(TagIndex.SlugOf).Where(slug => slug.Length > 0).Distinct(StringComparer.Ordinal).Take(MostTagsLookedAt);
        foreach (var tag in slugs.Select(tags.Find).OfType<Tag>())
        {
            var at = IndexOf(tag.Articles, article);
            if (at < 0)
                continue;
            var end = Math.Min(tag.Articles.Count, at + CandidatesEachSide + 1);
            for (var index = Math.Max(0, at - CandidatesEachSide); index < end; index++)
            {
                if (index != at && !linked.Any(other => ReferenceEquals(other, tag.Articles[index])))
                    shared[tag.Articles[index]] = shared.GetValueOrDefault(tag.Articles[index]) + 1;
            }
        }
        var date = article.Metadata.Date.Instant;
        return [.. shared
            .OrderByDescending(candidate => candidate.Value)
            .ThenBy(candidate => (candidate.Key.Metadata.Date.Instant - date).Duration())
            .ThenBy(candidate => candidate.Key, ArticleChange.NewestFirst)
            .Take(MostRelated)
            .Select(candidate => candidate.Key)];
    }

    /// <summary>Where the article is in a list in the archive's order (<see cref="ArticleChange.NewestFirst"/>); -1 when it is not there.</summary>
    private static int IndexOf(IReadOnlyList<Article> articles, Article article)
    {
        var (low, high) = (0, articles.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var order = ArticleChange.NewestFirst.Compare(articles[middle], article);
            if (order == 0)
                return ReferenceEquals(articles[middle], article) ? middle : -1;
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }
}
