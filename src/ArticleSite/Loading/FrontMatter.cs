using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArticleSite.Loading;

/// <summary>Reads an article's YAML front matter through YamlDotNet's node model (no reflection, so it stays AOT-safe).</summary>
public static partial class FrontMatter
{
    public static ArticleMetadata Read(YamlFrontMatterBlock? block, string path)
    {
        if (block is null)
            throw new ContentException(path, "no YAML front matter (a block between '---' lines at the top of the file)");

        var fields = ParseMapping(block, path);

        string? Optional(string key) =>
            fields.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value }
                ? value.Trim()
                : null;

        string Required(string key) => Optional(key)
            ?? throw new ContentException(path, $"front matter has no '{key}'");

        var date = Required("date");
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            throw new ContentException(path, $"front matter 'date' is '{date}', expected a date such as 2025-11-01");

        var slug = Optional("slug") ?? System.IO.Path.GetFileNameWithoutExtension(path);
        if (!IsValidSlug(slug))
            throw new ContentException(path, $"slug '{slug}' must be lowercase letters, digits and single hyphens");

        return new ArticleMetadata(
            Title: Required("title"),
            Summary: Required("summary"),
            Date: published,
            Slug: slug,
            Language: Optional("language") ?? "en",
            Source: Optional("source"),
            Section: Optional("section"))
        {
            Lead = Optional("lead") is { } lead && (bool.TryParse(lead, out var isLead)
                ? isLead
                : throw new ContentException(path, $"front matter 'lead' is '{lead}', expected true or false")),
        };
    }

    private static YamlMappingNode ParseMapping(YamlFrontMatterBlock block, string path)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(block.Lines.ToString()));
        }
        catch (YamlException e)
        {
            // The block starts after the opening '---', one line below the top of the file.
            var line = block.Line + 1 + (int)e.Start.Line;
            throw new ContentException(path, $"line {line}: front matter is not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, with no position, for a flow collection left open at the end of the block.
            throw new ContentException(path, $"front matter is not valid YAML: {e.Message}");
        }

        return yaml.Documents is [{ RootNode: YamlMappingNode mapping }]
            ? mapping
            : throw new ContentException(path, "front matter must be one YAML mapping of 'key: value' lines");
    }

    /// <summary>Lowercase ASCII letters and digits in groups joined by single hyphens: safe as a URL segment and a file name.</summary>
    public static bool IsValidSlug(string slug) => SlugPattern().IsMatch(slug);

    // \z, not $: in .NET '$' also matches before a final newline, which would let "slug\n" through.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();
}
