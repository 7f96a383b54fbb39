using System.Collections.Frozen;

namespace ArticleSite.Loading;

/// <summary>
/// The languages the site has words for, one embedded <c>Languages/{language}.txt</c> each (Rendering/PageWords reads
/// their words). Loading needs the list alone, to tell a language folder (<c>ja/</c>) from an ordinary one.
/// </summary>
internal static class SpokenLanguages
{
    public const string ResourcePrefix = "Languages/";

    /// <summary>Each language's primary subtag, as its file is named: "en", "ko", "zh"…</summary>
    public static FrozenSet<string> All { get; } = typeof(SpokenLanguages).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..^".txt".Length])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the site has words for the language of a tag, whatever its region or script ("zh-Hans", "de-AT").</summary>
    public static bool Has(string languageTag) => All.Contains(PrimarySubtag(languageTag));

    public static string PrimarySubtag(string languageTag) => languageTag.Split('-', 2)[0].ToLowerInvariant();
}
