using System.Text;
using ArticleSite.Loading;

namespace ArticleSite.Searching;

/// <summary>
/// What a reader typed, as data: trimmed, case-folded and composed (NFC), cut into words and "quoted phrases", each
/// written for SQLite's FTS5 as a quoted string, so no character typed (<c>" * : - ( ) NEAR AND OR NOT ^</c>) is ever
/// the engine's syntax. Every word is required; the last one, typed without a closing quote, matches as a prefix
/// ("gyeong" finds Gyeongju), as does a lone CJK character.
/// </summary>
internal sealed record SearchQuery(string Normalized, IReadOnlyList<string> Terms)
{
    /// <summary>Characters a query may have: a headline or two. A longer one is refused with 400.</summary>
    public const int MaxLength = 200;

    /// <summary>Words and phrases a query may have: every one is required, so more only narrow it.</summary>
    public const int MaxTerms = 12;

    /// <summary>
    /// The query for <paramref name="typed"/>: null for nothing to search for; <paramref name="problem"/> says why a
    /// query is refused (too long, too many words).
    /// </summary>
    public static SearchQuery? Parse(string? typed, out string? problem)
    {
        problem = null;
        var normalized = Normalize(typed);
        if (normalized.Length > MaxLength)
        {
            problem = $"A search can be at most {MaxLength} characters long.";
            return null;
        }
        var terms = ReadTerms(normalized);
        if (terms.Count > MaxTerms)
        {
            problem = $"A search can have at most {MaxTerms} words.";
            return null;
        }
        return terms.Count == 0 ? null : new SearchQuery(normalized, terms);
    }

    /// <summary>The form the output cache keys on and the page shows: spaces collapsed, control characters gone, NFC, lower case.</summary>
    public static string Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
            return "";
        // Longer than any accepted query: the rest cannot make it acceptable, and is not worth composing.
        var text = typed.Length > MaxLength * 4 ? typed[..(MaxLength * 4)] + "…" : typed;
        var cleaned = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            var space = char.IsWhiteSpace(character) || char.IsControl(character);
            if (space && (cleaned.Length == 0 || cleaned[^1] == ' '))
                continue;
            cleaned.Append(space ? ' ' : character);
        }
        return CanonicalForm.Composed(cleaned.ToString().TrimEnd()).ToLowerInvariant();
    }

    /// <summary>The FTS5 expression: each term a quoted string, joined by spaces (AND); prefix terms end in *.</summary>
    public string Expression => string.Join(' ', Terms);

    private static List<string> ReadTerms(string normalized)
    {
        var terms = new List<string>();
        var position = 0;
        while (position < normalized.Length)
        {
            if (normalized[position] == ' ')
            {
                position++;
                continue;
            }
            if (normalized[position] == '"')
            {
                var close = normalized.IndexOf('"', position + 1);
                var phrase = close < 0 ? normalized[(position + 1)..] : normalized[(position + 1)..close];
                // A phrase still being typed (no closing quote) ends in a prefix, as a last word does.
                AddTerm(terms, phrase, prefix: close < 0);
                position = close < 0 ? normalized.Length : close + 1;
                continue;
            }
            var end = normalized.IndexOfAny([' ', '"'], position);
            if (end < 0)
                end = normalized.Length;
            var word = normalized[position..end];
            AddTerm(terms, word, prefix: end == normalized.Length);
            position = end;
        }
        return terms;
    }

    private static void AddTerm(List<string> terms, string text, bool prefix)
    {
        var stored = SearchText.Stored(text);
        // Nothing the tokenizer would keep (punctuation alone): no term, rather than one that matches nothing.
        if (!stored.Any(char.IsLetterOrDigit))
            return;
        prefix |= stored.Length == 1 && SearchText.IsCjk(stored[0]);
        terms.Add($"\"{stored.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{(prefix ? "*" : "")}");
    }
}
