namespace ArticleSite.Loading;

/// <summary>What a content folder's <c>site.yaml</c> or <c>site.toml</c> says about the site; null for what it leaves out.</summary>
internal sealed record SiteFileSettings(string? Name, string? Description, string? Language, string? Icon);

/// <summary>
/// The optional site file at the root of the content folder, so that a content repository carries the site's name,
/// description, language and icon. It is read within the front matter's budget and with its readers.
/// </summary>
internal static class SiteFile
{
    public static readonly string[] Names = ["site.yaml", "site.yml", "site.toml"];

    /// <summary>The folder's site file, or null when it has none (or it is not a regular file: links are not followed).</summary>
    /// <exception cref="ContentException">The file is too large, not valid YAML or TOML, or a field has the wrong shape; named by its file name.</exception>
    public static SiteFileSettings? Read(string folder)
    {
        foreach (var name in Names)
        {
            var path = Path.Combine(folder, name);
            if (FileStatus.OfEntry(path) is not { Kind: EntryKind.File } status)
                continue;
            if (status.Size > FrontMatter.MaxLength)
                throw new ContentException(name, $"is {status.Size} bytes long; a site file may hold at most {FrontMatter.MaxLength}");
            // Read as an article is: without blocking, never past the limit, UTF-8 or the reason why not.
            var text = ArticleBytes.Decode(ArticleBytes.Read(path, name, FrontMatter.MaxLength, "for a site file"), name);
            var fields = name.EndsWith(".toml", StringComparison.Ordinal)
                ? TomlFrontMatter.Read(text, firstLine: 1, name)
                : YamlFrontMatter.Read(text, firstLine: 1, name);
            var language = fields.Text("language", "lang");
            if (language is not null && !ArticleParser.IsLanguageTag(language))
                throw new ContentException(name, $"'language' is '{language}', expected a language tag such as en, ko or pt-BR");
            return new SiteFileSettings(fields.Text("name", "title"), fields.Text("description"), language, fields.Text("icon"));
        }
        return null;
    }
}
