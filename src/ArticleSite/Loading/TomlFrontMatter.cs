using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace ArticleSite.Loading;

/// <summary>Reads TOML front matter (between '+++' lines, as Hugo and Zola write it) with Tomlyn's untyped model.</summary>
internal static partial class TomlFrontMatter
{
    /// <param name="firstLine">The file's line number of the TOML's first line: problems name the file's lines.</param>
    public static FrontMatterFields Read(string toml, int firstLine, string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize(toml, FrontMatterTomlContext.Default.TomlTable) ?? [];
        }
        catch (TomlException e)
        {
            // A parse error reaches here wrapped in the converter's, as "… Reason: (3,6) : error : Expected `=`…": the
            // innermost position and reason are the writer's.
            var (line, reason) = ErrorPattern().Matches(e.Message) is { Count: > 0 } errors
                ? (int.Parse(errors[^1].Groups["line"].ValueSpan, CultureInfo.InvariantCulture), errors[^1].Groups["reason"].Value.Trim())
                : (e.Line, e.Message);
            throw new ContentException(path, $"line {firstLine - 1 + line}: front matter is not valid TOML: {reason}");
        }
        return new FrontMatterFields(Fields(table), path);
    }

    [GeneratedRegex(@"\((?<line>\d+),\d+\) : error : (?<reason>(?:(?!\(\d+,\d+\) : error : ).)*)", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();

    private static Dictionary<string, FrontMatterValue> Fields(TomlTable table)
    {
        var fields = new Dictionary<string, FrontMatterValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in table)
            fields.TryAdd(key, ValueOf(value));
        return fields;
    }

    private static FrontMatterValue ValueOf(object? value) => value switch
    {
        TomlTable table => new FrontMatterTable(Fields(table)),
        TomlTableArray tables => new FrontMatterList([.. tables.Select(ValueOf)]),
        TomlArray array => new FrontMatterList([.. array.Select(ValueOf)]),
        // Dates come as their TOML text (RFC 3339), which ArticleDate reads like YAML's.
        TomlDateTime date => new FrontMatterText(date.ToString()),
        bool flag => new FrontMatterText(flag ? "true" : "false"),
        IFormattable number => new FrontMatterText(number.ToString(null, CultureInfo.InvariantCulture)),
        _ => new FrontMatterText(value?.ToString() ?? ""),
    };
}

/// <summary>Source-generated TOML metadata for the untyped model: no reflection, so it stays AOT-safe.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class FrontMatterTomlContext : TomlSerializerContext;
