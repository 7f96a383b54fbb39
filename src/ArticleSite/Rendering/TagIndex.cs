using System.Globalization;
using System.Text;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>One tag: its URL slug, the name it is shown by, and its articles, newest first.</summary>
public sealed record Tag(string Slug, string Name, IReadOnlyList<Article> Articles);

/// <summary>
/// The articles of each tag, built once per snapshot. Tags whose spellings make the same slug ("C#" and "c",
/// "Release" and "release") are one tag, shown by its most used spelling.
/// </summary>
public sealed class TagIndex
{
    private readonly Dictionary<string, Tag> bySlug;

    /// <param name="articles">Every published article, newest first; each tag keeps that order.</param>
    public TagIndex(IReadOnlyList<Article> articles)
    {
        var grouped = new Dictionary<string, (List<Article> Articles, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            foreach (var name in article.Metadata.Tags)
            {
                var slug = SlugOf(name);
                if (slug.Length == 0)
                    continue;
                if (!grouped.TryGetValue(slug, out var tag))
                    grouped[slug] = tag = ([], new Dictionary<string, int>(StringComparer.Ordinal));
                // An article that names a tag twice ("Go", "go") is listed once.
                if (tag.Articles.Count == 0 || !ReferenceEquals(tag.Articles[^1], article))
                    tag.Articles.Add(article);
                tag.Spellings[name] = tag.Spellings.GetValueOrDefault(name) + 1;
            }
        }
        bySlug = grouped.ToDictionary(
            entry => entry.Key,
            entry => new Tag(entry.Key, MostUsed(entry.Value.Spellings), entry.Value.Articles),
            StringComparer.Ordinal);
        All = [.. bySlug.Values.OrderBy(tag => tag.Name, StringComparer.OrdinalIgnoreCase).ThenBy(tag => tag.Slug, StringComparer.Ordinal)];
    }

    /// <summary>Every tag, by name (case ignored), as the tags page lists them.</summary>
    public IReadOnlyList<Tag> All { get; }

    public Tag? Find(string slug) => bySlug.GetValueOrDefault(slug);

    /// <summary>
    /// A tag's slug: its letters and digits in lower case, in any script ("Release" → release, "한국 경제" → 한국-경제), every
    /// other run of characters one hyphen; empty for a tag of punctuation alone, which gets no page. Kept in Unicode rather
    /// than transliterated, so that a Korean tag reads as Korean in the address bar; links percent-encode it.
    /// </summary>
    public static string SlugOf(string name)
    {
        var slug = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (pendingHyphen && slug.Length > 0)
                    slug.Append('-');
                pendingHyphen = false;
                slug.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return slug.ToString();
    }

    private static string MostUsed(Dictionary<string, int> spellings) =>
        spellings.OrderByDescending(spelling => spelling.Value).ThenBy(spelling => spelling.Key, StringComparer.Ordinal).First().Key;
}
