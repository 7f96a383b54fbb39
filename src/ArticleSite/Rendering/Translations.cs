using System.Runtime.InteropServices;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>One version of an article in a set of translations: its language and where it is published.</summary>
/// <param name="IsDefault">The version in the site's language: the page for readers of any other (hreflang x-default).</param>
public sealed record Translation(string Language, string Slug, bool IsDefault);

/// <summary>
/// The snapshot's articles that translate each other: those sharing a <see cref="ArticleMetadata.TranslationKey"/>
/// (the front matter's <c>translationKey</c>, else the slug the file's name gives) in different languages, an article
/// without a language of its own being in the site's. A set in which two articles share a language is no set of
/// translations (<c>2023/hello.md</c> and <c>2024/hello.md</c> are two articles), so none of it is linked.
/// </summary>
internal sealed class Translations
{
    private readonly Dictionary<string, IReadOnlyList<Translation>> byKey = new(StringComparer.Ordinal);

    public Translations(IReadOnlyList<Article> articles, string siteLanguage)
    {
        string LanguageOf(Article article) => article.Metadata.Language ?? siteLanguage;
        foreach (var (key, set) in SharedKeys(articles))
        {
            if (set.DistinctBy(LanguageOf, StringComparer.OrdinalIgnoreCase).Count() != set.Count)
                continue;
            byKey[key] = [.. set.OrderBy(LanguageOf, StringComparer.Ordinal)
                .Select(article => new Translation(LanguageOf(article), article.Metadata.Slug,
                    string.Equals(LanguageOf(article), siteLanguage, StringComparison.OrdinalIgnoreCase)))];
        }
    }

    /// <summary>
    /// The articles of each key that more than one has, in the order given. One pass with one entry per key: nearly
    /// every key is one article's own, and grouping all 100,000 of a restart with LINQ's GroupBy, a group each, was
    /// part of the front page's first request (docs/benchmarks.md, Start-up at scale).
    /// </summary>
    private static Dictionary<string, List<Article>> SharedKeys(IReadOnlyList<Article> articles)
    {
        var firstWithKey = new Dictionary<string, Article>(articles.Count, StringComparer.Ordinal);
        var shared = new Dictionary<string, List<Article>>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            var key = article.Metadata.TranslationKey;
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstWithKey, key, out var seen);
            if (!seen)
            {
                first = article;
                continue;
            }
            ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(shared, key, out var listed);
            if (!listed)
                set = [first!];
            set!.Add(article);
        }
        return shared;
    }

    /// <summary>Every version of the article, itself included, by language; empty when it has no translation.</summary>
    public IReadOnlyList<Translation> Of(Article article) => byKey.GetValueOrDefault(article.Metadata.TranslationKey) ?? [];
}
