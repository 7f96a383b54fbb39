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
internal sealed class TagIndex
{
    private readonly Dictionary<string, Tag> bySlug;

    /// <summary>How often each spelling of a tag is used, by the tag's slug: what its shown name is chosen by.</summary>
    private readonly Dictionary<string, Dictionary<string, int>> spellings;

    /// <param name="articles">Every published article, newest first; each tag keeps that order.</param>
    public TagIndex(IReadOnlyList<Article> articles)
    {
        var grouped = new Dictionary<string, (List<Article> Articles, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            foreach (var name in article.Metadata.Tags.Select(Spelling))
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
        spellings = grouped.ToDictionary(entry => entry.Key, entry => entry.Value.Spellings, StringComparer.Ordinal);
        All = Sorted(bySlug.Values);
    }

    private TagIndex(Dictionary<string, Tag> bySlug, Dictionary<string, Dictionary<string, int>> spellings)
    {
        this.bySlug = bySlug;
        this.spellings = spellings;
        All = Sorted(bySlug.Values);
    }

    /// <summary>
    /// The index after <paramref name="change"/>: the tags of the articles that came or went are patched, every other
    /// tag is kept as it was; the same index as one made from <paramref name="articles"/>, which it falls back to.
    /// </summary>
    internal static TagIndex After(TagIndex previous, ArticleChange change, IReadOnlyList<Article> articles)
    {
        var affected = change.Added.Concat(change.Removed).SelectMany(article => article.Metadata.Tags).Select(SlugOf)
            .Where(slug => slug.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (affected.Count == 0)
            return previous;
        var bySlug = new Dictionary<string, Tag>(previous.bySlug, StringComparer.Ordinal);
        var spellings = new Dictionary<string, Dictionary<string, int>>(previous.spellings, StringComparer.Ordinal);
        foreach (var slug in affected)
        {
            var counts = previous.spellings.TryGetValue(slug, out var before) ? new Dictionary<string, int>(before, StringComparer.Ordinal) : new(StringComparer.Ordinal);
            Count(change.Removed, slug, counts, -1);
            Count(change.Added, slug, counts, +1);
            var kept = previous.bySlug.TryGetValue(slug, out var tag) ? tag.Articles : [];
            if (change.Patch(kept, change.Added.Where(article => article.Metadata.Tags.Any(name => SlugOf(name) == slug))) is not { } patched)
                return new TagIndex(articles);
            if (patched.Count == 0)
            {
                bySlug.Remove(slug);
                spellings.Remove(slug);
                continue;
            }
            bySlug[slug] = new Tag(slug, MostUsed(counts), patched);
            spellings[slug] = counts;
        }
        return new TagIndex(bySlug, spellings);
    }

    /// <summary>Adds <paramref name="sign"/> to the count of each spelling of the tag that the articles use, as many times as they name it.</summary>
    private static void Count(IEnumerable<Article> articles, string slug, Dictionary<string, int> counts, int sign)
    {
        foreach (var name in articles.SelectMany(article => article.Metadata.Tags).Select(Spelling).Where(name => SlugOf(name) == slug))
        {
            var count = counts.GetValueOrDefault(name) + sign;
            if (count > 0)
                counts[name] = count;
            else
                counts.Remove(name);
        }
    }

    private static List<Tag> Sorted(IEnumerable<Tag> tags) =>
        [.. tags.OrderBy(tag => tag.Name, StringComparer.OrdinalIgnoreCase).ThenBy(tag => tag.Slug, StringComparer.Ordinal)];

    /// <summary>Every tag, by name (case ignored), as the tags page lists them.</summary>
    public IReadOnlyList<Tag> All { get; }

    public Tag? Find(string slug) => bySlug.GetValueOrDefault(slug);

    /// <summary>
    /// A spelling as it is counted and shown: in Unicode's composed form (NFC), so that "Café" typed with a combining
    /// accent is the same spelling as "Café" typed with "é".
    /// </summary>
    private static string Spelling(string name) => CanonicalForm.Composed(name);

    /// <summary>
    /// A tag's slug: its letters and digits, composed (NFC) and case-folded, in any script ("Release" → release, "ΟΔΟΣ"
    /// and "οδος" → οδοσ, "한국 경제" → 한국-경제), every other run of characters one hyphen; empty for a tag of punctuation
    /// alone, which gets no page. Kept in Unicode rather than transliterated, so that a Korean tag reads as Korean in the
    /// address bar; links percent-encode it.
    /// </summary>
    public static string SlugOf(string name)
    {
        var slug = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var rune in Spelling(name).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (pendingHyphen && slug.Length > 0)
                    slug.Append('-');
                pendingHyphen = false;
                // Upper case, then lower: the simple case folding of the letters whose lower case has two forms (ς and σ, ſ and s).
                slug.Append(Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).ToString());
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
