using System.Globalization;
using System.Text;

namespace ArticleSite.Loading;

/// <summary>
/// Unicode's composed form (NFC, UAX #15), so that text typed with a combining accent ("e" + U+0301) and text typed with
/// the accented letter ("é") compare equal. Implemented here because the site runs with <c>InvariantGlobalization</c>,
/// where <see cref="string.Normalize()"/> returns its text unchanged; the tables come from Unicode's data
/// (CanonicalForm.Data.cs, written by make-canonical-form-data.py).
/// </summary>
internal static partial class CanonicalForm
{
    /// <summary>No code point below U+0300, where the combining marks begin, changes under NFC.</summary>
    private const char FirstChanging = '\u0300';

    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3, LeadingFirst = 0x1100, VowelFirst = 0x1161, TrailingFirst = 0x11A7;

    private const int VowelCount = 21, TrailingCount = 28;

    private static readonly Lazy<Tables> Data = new(Tables.Parse);

    /// <summary>The text in NFC: decomposed, its combining marks in canonical order, then composed again.</summary>
    public static string Composed(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', (char)(FirstChanging - 1)))
            return text;
        var tables = Data.Value;
        var decomposed = DecomposeAll(text, tables);
        OrderMarks(decomposed, tables);
        return TextOf(Compose(decomposed, tables), text.Length);
    }

    /// <summary>The text in NFD, each accented letter its base letter and combining marks: what a slug made of ASCII keeps the letter of.</summary>
    public static string Decomposed(string text)
    {
        return Ascii.IsValid(text) ? text : TextOf(DecomposeAll(text, Data.Value), text.Length);
    }

    private static List<int> DecomposeAll(string text, Tables tables)
    {
        var decomposed = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
            Decompose(rune.Value, tables, decomposed);
        return decomposed;
    }

    private static string TextOf(IEnumerable<int> codes, int capacity)
    {
        var result = new StringBuilder(capacity);
        foreach (var code in codes)
            result.Append(new Rune(code).ToString());
        return result.ToString();
    }

    private static void Decompose(int code, Tables tables, List<int> into)
    {
        if (code is >= HangulFirst and <= HangulLast)
        {
            var index = code - HangulFirst;
            into.Add(LeadingFirst + index / (VowelCount * TrailingCount));
            into.Add(VowelFirst + index % (VowelCount * TrailingCount) / TrailingCount);
            if (index % TrailingCount is var trailing and > 0)
                into.Add(TrailingFirst + trailing);
        }
        else if (tables.Decompositions.TryGetValue(code, out var parts))
        {
            foreach (var part in parts)
                Decompose(part, tables, into);
        }
        else
        {
            into.Add(code);
        }
    }

    /// <summary>Sorts each run of combining marks by class, keeping the order of marks of one class.</summary>
    private static void OrderMarks(List<int> codes, Tables tables)
    {
        for (var index = 1; index < codes.Count; index++)
        {
            var mark = codes[index];
            var markClass = tables.ClassOf(mark);
            if (markClass == 0)
                continue;
            var place = index;
            while (place > 0 && tables.ClassOf(codes[place - 1]) > markClass)
            {
                codes[place] = codes[place - 1];
                place--;
            }
            codes[place] = mark;
        }
    }

    /// <summary>Joins each mark to the last starter before it, unless a mark of the same or a higher class stands between.</summary>
    private static List<int> Compose(List<int> codes, Tables tables)
    {
        var result = new List<int>(codes.Count);
        var starter = -1;
        foreach (var code in codes)
        {
            var codeClass = tables.ClassOf(code);
            if (starter >= 0
                && (result.Count - 1 == starter || tables.ClassOf(result[^1]) is var between && between != 0 && between < codeClass)
                && CompositeOf(result[starter], code, tables) is { } composite)
            {
                result[starter] = composite;
                continue;
            }
            if (codeClass == 0)
                starter = result.Count;
            result.Add(code);
        }
        return result;
    }

    private static int? CompositeOf(int first, int second, Tables tables)
    {
        if (first is >= LeadingFirst and < LeadingFirst + 19 && second is >= VowelFirst and < VowelFirst + VowelCount)
            return HangulFirst + ((first - LeadingFirst) * VowelCount + second - VowelFirst) * TrailingCount;
        if (first is >= HangulFirst and <= HangulLast && (first - HangulFirst) % TrailingCount == 0
            && second is > TrailingFirst and < TrailingFirst + TrailingCount)
            return first + second - TrailingFirst;
        return tables.Compositions.TryGetValue((first, second), out var composite) ? composite : null;
    }

    private sealed record Tables(Dictionary<int, int[]> Decompositions, Dictionary<(int, int), int> Compositions, (int First, int Last, int Class)[] Classes)
    {
        public int ClassOf(int code)
        {
            int low = 0, high = Classes.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                var (first, last, @class) = Classes[middle];
                if (code < first)
                    high = middle - 1;
                else if (code > last)
                    low = middle + 1;
                else
                    return @class;
            }
            return 0;
        }

        public static Tables Parse()
        {
            var decompositions = new Dictionary<int, int[]>();
            var compositions = new Dictionary<(int, int), int>();
            foreach (var entry in DecompositionData.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (code, parts) = (Hex(entry[..entry.IndexOf('=')]), entry[(entry.IndexOf('=') + 1)..].TrimEnd('+').Split(',').Select(Hex).ToArray());
                decompositions[code] = parts;
                if (entry.EndsWith('+'))
                    compositions[(parts[0], parts[1])] = code;
            }
            var classes = CombiningClassData.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(entry =>
            {
                var (range, @class) = (entry[..entry.IndexOf(':')], entry[(entry.IndexOf(':') + 1)..]);
                return (Hex(range[..range.IndexOf('-')]), Hex(range[(range.IndexOf('-') + 1)..]), Hex(@class));
            }).ToArray();
            return new Tables(decompositions, compositions, classes);
        }

        private static int Hex(string digits) => int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
