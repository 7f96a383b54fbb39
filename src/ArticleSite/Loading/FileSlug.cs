using System.Globalization;
using System.Text;

namespace ArticleSite.Loading;

/// <summary>
/// The slug a file's name gives when the front matter writes none, by one rule that never refuses a name: lowercase
/// ASCII letters and digits, accents dropped (<c>Café</c> → <c>cafe</c>), <c>+</c> spelled <c>plus</c> and <c>#</c>
/// <c>sharp</c> (so that <c>c++</c> and <c>c#</c> stay apart from <c>c</c>), every other run of characters one hyphen
/// (<c>go1.22</c> → <c>go1-22</c>, <c>V1.0_Trio</c> → <c>v1-0-trio</c>). A name with no letter or digit left (all in a
/// script without ASCII letters, such as <c>你好.md</c>) is <c>post-</c> and eight hex digits of its name's hash.
/// </summary>
internal static class FileSlug
{
    /// <summary>The slug <paramref name="name"/> (a file's or folder's name, without extension) gives.</summary>
    public static string Of(string name)
    {
        var slug = new StringBuilder(name.Length + 8);
        // Not string.Normalize: under InvariantGlobalization it leaves the text as it is.
        foreach (var character in CanonicalForm.Decomposed(name))
        {
            var word = character switch
            {
                '+' => "plus",
                '#' => "sharp",
                _ => null,
            };
            if (word is not null)
                AppendWord(slug, word);
            else if (char.IsAsciiLetterOrDigit(character))
                slug.Append(char.ToLowerInvariant(character));
            else if (CharUnicodeInfo.GetUnicodeCategory(character) is not UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        return text.Length > 0 ? text : $"post-{System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(name)):x8}";
    }

    /// <summary>
    /// The slug of a file whose own one another file already holds: its folders' slugs joined before it
    /// (<c>2024/otel-day.md</c> → <c>2024-otel-day</c>, <c>2024/otel-day/index.md</c> too); null for a file at the top of the folder.
    /// </summary>
    public static string? JoinedWithFolders(string relativePath, string slug)
    {
        var folders = relativePath.Replace('\\', '/').Split('/')[..^1];
        if (Path.GetFileNameWithoutExtension(relativePath) == "index" && folders.Length > 0)
            folders = folders[..^1]; // a page bundle's folder is already its name
        return folders.Length == 0 ? null : string.Join('-', folders.Select(Of).Append(slug));
    }

    private static void AppendWord(StringBuilder slug, string word)
    {
        if (slug.Length > 0 && slug[^1] != '-')
            slug.Append('-');
        slug.Append(word).Append('-');
    }
}
