using System.Text;
using ArticleSite.Loading;

namespace ArticleSite.Searching;

/// <summary>
/// Text as the search index stores it, and back. SQLite's unicode61 tokenizer splits words on spaces and punctuation,
/// so it would take a whole run of Chinese, Japanese or Korean for one word and find nothing for a two-character word
/// inside it; here each such run is written as its overlapping two-character words (bigrams, as Lucene's CJK analyzer
/// makes them), and a run beside Latin letters is cut from them. The same is done to a query, so "북한" finds
/// "북한은". Snippets come back from SQLite in this form and are written back as the reader's text by <see cref="Restore"/>.
/// </summary>
internal static class SearchText
{
    /// <summary>Between the bigrams of one run: dropped with the repeated character after it when restored.</summary>
    public const char Overlap = '\u001F';

    /// <summary>Between a CJK run and the letters beside it: dropped when restored.</summary>
    public const char Boundary = '\u001E';

    /// <summary>What SQLite's snippet() puts around a matched word (control characters, never in stored text).</summary>
    public const char MarkStart = '\u0002', MarkEnd = '\u0003';

    /// <summary>
    /// The text in its stored form: NFC, control characters as spaces, Arabic vowel marks and the tatweel left out (a
    /// reader types them rarely), each CJK run as bigrams.
    /// </summary>
    public static string Stored(string text)
    {
        var composed = CanonicalForm.Composed(text);
        var stored = new StringBuilder(composed.Length + composed.Length / 2);
        var run = new StringBuilder();
        foreach (var character in composed)
        {
            if (IsCjk(character))
            {
                if (run.Length == 0 && stored.Length > 0 && char.IsLetterOrDigit(stored[^1]))
                    stored.Append(Boundary);
                run.Append(character);
                continue;
            }
            if (run.Length > 0)
            {
                AppendBigrams(stored, run);
                run.Clear();
                if (char.IsLetterOrDigit(character))
                    stored.Append(Boundary);
            }
            if (char.IsControl(character))
                stored.Append(' ');
            else if (!IsArabicMark(character))
                stored.Append(character);
        }
        AppendBigrams(stored, run);
        return stored.ToString();
    }

    /// <summary>"北京大学" as "北京␟京大␟大学"; one character alone stays itself.</summary>
    private static void AppendBigrams(StringBuilder stored, StringBuilder run)
    {
        for (var index = 0; index < run.Length; index++)
        {
            if (index + 1 == run.Length && index > 0)
                break;
            if (index > 0)
                stored.Append(Overlap);
            stored.Append(run[index]);
            if (index + 1 < run.Length)
                stored.Append(run[index + 1]);
        }
    }

    /// <summary>
    /// A stored text (a snippet) as the reader wrote it, cut into runs that are marked or not: the bigrams joined again,
    /// a marked bigram marking both its characters.
    /// </summary>
    public static IReadOnlyList<SnippetPart> Restore(string stored)
    {
        var parts = new List<SnippetPart>();
        var text = new StringBuilder();
        var marked = false;
        var skipNext = false;
        void Flush()
        {
            if (text.Length > 0)
                parts.Add(new SnippetPart(text.ToString(), marked));
            text.Clear();
        }
        for (var index = 0; index < stored.Length; index++)
        {
            var character = stored[index];
            switch (character)
            {
                case Boundary:
                    continue;
                case Overlap:
                    skipNext = true;
                    continue;
                case MarkStart when !marked:
                    // A bigram marked after an overlap: its first character, already written, is matched too.
                    var carried = skipNext && text.Length > 0 ? text[^1] : (char?)null;
                    if (carried is not null)
                        text.Length--;
                    Flush();
                    marked = true;
                    if (carried is { } first)
                        text.Append(first);
                    continue;
                case MarkEnd when marked:
                    Flush();
                    marked = false;
                    continue;
                case MarkStart or MarkEnd:
                    continue;
            }
            if (skipNext)
            {
                skipNext = false;
                continue;
            }
            text.Append(character);
        }
        Flush();
        return parts;
    }

    /// <summary>Han, kana and Hangul: the scripts written without spaces between words, or whose words readers search inside.</summary>
    public static bool IsCjk(char character) => character switch
    {
        >= '\u3040' and <= '\u30FF' => true, // Hiragana, Katakana
        >= '\u3400' and <= '\u4DBF' => true, // CJK Extension A
        >= '\u4E00' and <= '\u9FFF' => true, // CJK Unified Ideographs
        >= '\uAC00' and <= '\uD7AF' => true, // Hangul syllables
        >= '\u1100' and <= '\u11FF' => true, // Hangul Jamo
        >= '\u3130' and <= '\u318F' => true, // Hangul compatibility Jamo
        >= '\uF900' and <= '\uFAFF' => true, // CJK compatibility ideographs
        >= '\uFF66' and <= '\uFF9F' => true, // halfwidth Katakana
        _ => false,
    };

    /// <summary>Arabic's short vowels and other marks above and below, and the tatweel that stretches a line.</summary>
    private static bool IsArabicMark(char character) =>
        character is >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640' or >= '\u0610' and <= '\u061A' or >= '\u06D6' and <= '\u06ED';
}

/// <summary>A run of a snippet's text, matched by the query or not.</summary>
public sealed record SnippetPart(string Text, bool Marked);
