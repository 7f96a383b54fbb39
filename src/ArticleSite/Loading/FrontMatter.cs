using System.Text.RegularExpressions;

namespace ArticleSite.Loading;

/// <summary>
/// The front matter at the top of an article file: YAML between '---' lines, TOML between '+++' lines (Hugo, Zola), or
/// none at all.
/// </summary>
internal static partial class FrontMatter
{
    /// <summary>Front matter holds fields, not the article: a longer one is refused before it is parsed.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Reads the front matter's fields, and says where the body starts: after the closing line, or at 0 without front matter.</summary>
    public static (FrontMatterFields Fields, int BodyStart) Split(string text, string path)
    {
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var opening = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd();
        if (opening is not ("---" or "+++"))
            return (FrontMatterFields.None(path), 0);

        // A file of the opening line alone has nothing after it: the search below finds no closing line.
        var start = firstLineEnd < 0 ? text.Length + 1 : firstLineEnd + 1;
        for (var lineStart = start; lineStart <= text.Length;)
        {
            if (lineStart - start > MaxLength)
                throw new ContentException(path, $"the front matter is longer than {MaxLength / 1024} KiB: it holds the fields, the article goes below its closing '{opening}' line");
            var lineEnd = text.IndexOf('\n', lineStart);
            var line = (lineEnd < 0 ? text[lineStart..] : text[lineStart..lineEnd]).TrimEnd();
            if (line == opening || (opening == "---" && line == "..."))
            {
                var source = text[start..lineStart];
                var fields = opening == "---"
                    ? YamlFrontMatter.Read(source, firstLine: 2, path)
                    : TomlFrontMatter.Read(source, firstLine: 2, path);
                return (fields, lineEnd < 0 ? text.Length : lineEnd + 1);
            }
            if (lineEnd < 0)
                break;
            lineStart = lineEnd + 1;
        }

        throw new ContentException(path, $"the front matter opened by '{opening}' on line 1 has no closing '{opening}' line");
    }

    /// <summary>Lowercase ASCII letters and digits in groups joined by single hyphens: safe as a URL segment and a file name.</summary>
    public static bool IsValidSlug(string slug) => SlugPattern().IsMatch(slug);

    // \z, not $: in .NET '$' also matches before a final newline, which would let "slug\n" through.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();
}
