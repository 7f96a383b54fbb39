using System.Collections.Frozen;
using System.Globalization;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The words a page says around its articles (dates, reading time, headings, links), in one language, read from
/// <c>Rendering/Languages/{language}.txt</c>, embedded in the assembly. Month names and date patterns come from these
/// files, not from CultureInfo: the site runs with invariant globalization, without ICU's data.
/// </summary>
public sealed class PageWords
{
    private const string ResourcePrefix = SpokenLanguages.ResourcePrefix;

    /// <summary>Languages written right to left, by primary subtag: Arabic, Hebrew, Persian, Urdu.</summary>
    private static readonly FrozenSet<string> RightToLeft = FrozenSet.Create(StringComparer.Ordinal, "ar", "he", "fa", "ur");

    private static readonly FrozenDictionary<string, PageWords> Languages = LoadAll();

    private readonly FrozenDictionary<string, string> words;
    private readonly PageWords? fallback;

    private PageWords(string language, FrozenDictionary<string, string> words, PageWords? fallback)
    {
        Language = language;
        this.words = words;
        this.fallback = fallback;
    }

    /// <summary>The language whose file these words come from, e.g. "ko"; "en" for a language without a file.</summary>
    public string Language { get; }

    /// <summary>The languages that have a file, e.g. ["ar", "de", "en", …].</summary>
    public static IEnumerable<string> Available => Languages.Keys.Order(StringComparer.Ordinal);

    /// <summary>The words for a language tag such as ko, ko-KR or zh-Hans: its primary subtag's file, else English.</summary>
    public static PageWords For(string languageTag) => Languages.GetValueOrDefault(PrimarySubtag(languageTag)) ?? Languages["en"];

    /// <summary>True for a language written right to left (ar, he, fa, ur, with any region), whose pages get dir="rtl".</summary>
    public static bool IsRightToLeft(string languageTag) => RightToLeft.Contains(PrimarySubtag(languageTag));

    /// <summary>"rtl" for a right-to-left language, "ltr" otherwise: the value of a dir attribute.</summary>
    public static string Direction(string languageTag) => IsRightToLeft(languageTag) ? "rtl" : "ltr";

    private static string PrimarySubtag(string languageTag) => SpokenLanguages.PrimarySubtag(languageTag);

    /// <summary>The word for a key; English when this language's file leaves it out.</summary>
    public string this[string key] => words.TryGetValue(key, out var word) ? word
        : fallback is not null ? fallback[key]
        : throw new KeyNotFoundException($"No words for '{key}' in Languages/en.txt");

    /// <summary>The word for a key, with {0}, {1}… filled in.</summary>
    public string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    /// <summary>A date as this language writes it, e.g. "1 November 2025", "2025년 11월 1일", "1. November 2025".</summary>
    public string Date(ArticleDate date)
    {
        var day = date.Day;
        // Only a language's own file says how it writes the 1st ("1er novembre"): English's pattern would not fit another's.
        var pattern = day.Day == 1 && words.TryGetValue("date-first", out var first) ? first : this["date"];
        return pattern
            .Replace("{day}", day.Day.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{monthNumber}", day.Month.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{month}", this["months"].Split('|')[day.Month - 1], StringComparison.Ordinal)
            .Replace("{year}", day.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>"5 min read", "5분 분량"…</summary>
    public string ReadingTime(int minutes) => Format("reading-time", minutes);

    /// <summary>"1 article", "12 articles"…</summary>
    public string ArticleCount(int count) => count == 1 ? this["article-count-one"] : Format("article-count", count);

    /// <summary>"By A", "By A and B", "By A, B and C" in this language; null when no author is named.</summary>
    public string? Byline(IReadOnlyList<Person> authors) => authors.Count switch
    {
        0 => null,
        1 => Format("by", authors[0].Display),
        _ => Format("by", string.Join(this["comma"], authors.Take(authors.Count - 1).Select(author => author.Display)) + this["and"] + authors[^1].Display),
    };

    /// <summary>"Source: thefoxdaily.com, Latest World"; null without a source.</summary>
    public string? Credit(string? source, string? section) =>
        source is null ? null : Format("source", section is null ? source : source + this["comma"] + section);

    private static FrozenDictionary<string, PageWords> LoadAll()
    {
        var assembly = typeof(PageWords).Assembly;
        var english = new PageWords("en", Read(assembly, "en"), fallback: null);
        var languages = new Dictionary<string, PageWords>(StringComparer.Ordinal) { ["en"] = english };
        foreach (var language in SpokenLanguages.All)
        {
            if (language != "en")
                languages[language] = new PageWords(language, Read(assembly, language), english);
        }
        return languages.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Reads "key = value" lines; '#' starts a comment line; double quotes around a value keep its spaces.</summary>
    private static FrozenDictionary<string, string> Read(System.Reflection.Assembly assembly, string language)
    {
        using var stream = assembly.GetManifestResourceStream($"{ResourcePrefix}{language}.txt")
            ?? throw new InvalidOperationException($"Languages/{language}.txt is not embedded in the assembly");
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.TrimStart().StartsWith('#') || line.IndexOf('=', StringComparison.Ordinal) is not (> 0 and var equals))
                continue;
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1];
            words[line[..equals].Trim()] = value;
        }
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
