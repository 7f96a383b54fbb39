using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The articles added (a changed article is a new one) and removed between two snapshots, by reference: what a snapshot
/// patches its predecessor's sorted lists and tables with, instead of making them again from every article.
/// </summary>
internal sealed record ArticleChange(IReadOnlyList<Article> Added, IReadOnlyList<Article> Removed)
{
    /// <summary>
    /// Beyond this many articles added, changed or removed, lists are sorted anew rather than patched: a patch costs a
    /// pass over a list, a sort far more (docs/benchmarks.md, Edit latency: the next snapshot after an edit at 100,000).
    /// </summary>
    private const int MostPatched = 1024;

    private readonly HashSet<Article> removed = new(Removed, ReferenceEqualityComparer.Instance);

    /// <summary>The order of every list of articles: newest first, then by file path (ordinal).</summary>
    public static Comparer<Article> NewestFirst { get; } = Comparer<Article>.Create((left, right) =>
    {
        var byDate = right.Metadata.Date.CompareTo(left.Metadata.Date);
        return byDate != 0 ? byDate : string.CompareOrdinal(left.FilePath, right.FilePath);
    });

    /// <summary>Few enough articles came or went for patching to beat sorting.</summary>
    public bool IsSmall => Added.Count + Removed.Count <= MostPatched;

    /// <summary>
    /// The same translation keys, languages and slugs went as came (an edit of an article's text, date or tags): every
    /// set of translations is as it was.
    /// </summary>
    public bool KeepsTranslations =>
        Added.Select(TranslationFields).Order(StringComparer.Ordinal).SequenceEqual(Removed.Select(TranslationFields).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string TranslationFields(Article article) => $"{article.Metadata.TranslationKey}\n{article.Metadata.Language}\n{article.Metadata.Slug}";

    /// <summary>Whether any article that came or went matches <paramref name="test"/>.</summary>
    public bool Any(Func<Article, bool> test) => Added.Any(test) || Removed.Any(test);

    /// <summary>What changed from <paramref name="previous"/>'s articles to <paramref name="articles"/>: one lookup by slug per article.</summary>
    public static ArticleChange Between(SiteSnapshot previous, IReadOnlyList<Article> articles)
    {
        var added = new List<Article>();
        var removed = new List<Article>();
        foreach (var article in articles)
        {
            var was = previous.ArticleWithSlug(article.Metadata.Slug);
            if (ReferenceEquals(was, article))
                continue;
            added.Add(article);
            if (was is not null)
                removed.Add(was);
        }
        // An article whose slug no one publishes now: found by going through the previous list, only when some went.
        if (previous.Articles.Count - removed.Count != articles.Count - added.Count)
        {
            var now = new HashSet<Article>(articles, ReferenceEqualityComparer.Instance);
            removed = [.. previous.Articles.Where(article => !now.Contains(article))];
        }
        return new ArticleChange(added, removed);
    }

    /// <summary>
    /// <paramref name="before"/> (in <see cref="NewestFirst"/> order) without the removed articles, with <paramref name="added"/>
    /// merged in at their places; null when the order cannot tell two articles apart, which a stable sort must then decide.
    /// </summary>
    public List<Article>? Patch(IReadOnlyList<Article> before, IEnumerable<Article> added)
    {
        var coming = added.ToArray();
        Array.Sort(coming, NewestFirst);
        for (var index = 1; index < coming.Length; index++)
        {
            if (NewestFirst.Compare(coming[index - 1], coming[index]) == 0)
                return null;
        }
        var merged = new List<Article>(before.Count + coming.Length);
        var next = 0;
        foreach (var article in before)
        {
            if (removed.Contains(article))
                continue;
            for (; next < coming.Length && NewestFirst.Compare(coming[next], article) <= 0; next++)
            {
                if (NewestFirst.Compare(coming[next], article) == 0)
                    return null;
                merged.Add(coming[next]);
            }
            merged.Add(article);
        }
        for (; next < coming.Length; next++)
            merged.Add(coming[next]);
        return merged;
    }
}
