using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ArticleSite.Loading;

/// <summary>Reads YAML front matter through YamlDotNet's node model (no reflection, so it stays AOT-safe), within a budget.</summary>
internal static class YamlFrontMatter
{
    /// <summary>
    /// Values a front matter may hold once its aliases are expanded. A few dozen is usual; "billion laughs" front matter
    /// (aliases of aliases) asks for billions, and is refused after this many instead of being expanded.
    /// </summary>
    public const int MaxValues = 10_000;

    /// <summary>Lists and tables within lists and tables: YamlDotNet builds nodes recursively, and "[[[[…" 30,000 deep would overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <param name="firstLine">The file's line number of the YAML's first line: problems name the file's lines.</param>
    public static FrontMatterFields Read(string yaml, int firstLine, string path)
    {
        var stream = new YamlStream();
        try
        {
            CheckLimits(yaml, firstLine, path);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // For a tab in the indentation YamlDotNet names the start of the mapping, not the line the tab is on.
            var line = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? LineIndentedWithTab(yaml, (int)e.Start.Line) : e.Start.Line;
            throw new ContentException(path, $"line {firstLine - 1 + line}: front matter is not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, with no position, for a flow collection left open at the end of the block.
            throw new ContentException(path, $"front matter is not valid YAML: {e.Message}");
        }

        return stream.Documents switch
        {
            [] or [{ RootNode: YamlScalarNode { Value: null or "" } }] => FrontMatterFields.None(path),
            [{ RootNode: YamlMappingNode mapping }] => new FrontMatterFields(Fields(mapping, path), path),
            _ => throw new ContentException(path, "front matter must be one YAML mapping of 'key: value' lines"),
        };
    }

    /// <summary>The first line from <paramref name="from"/> on (1-based) whose indentation holds a tab.</summary>
    private static long LineIndentedWithTab(string yaml, int from)
    {
        var lines = yaml.Split('\n');
        for (var index = Math.Max(from - 1, 0); index < lines.Length; index++)
        {
            var indentation = lines[index][..(lines[index].Length - lines[index].TrimStart(' ', '\t').Length)];
            if (indentation.Contains('\t', StringComparison.Ordinal))
                return index + 1;
        }
        return from;
    }

    /// <summary>
    /// Walks the parser's events before any node is built, counting values as aliases would expand them, and refusing
    /// an alias or a list or table as a key: the node model hashes keys, and hashing an aliased tree as a key expands it.
    /// </summary>
    private static void CheckLimits(string yaml, int firstLine, string path)
    {
        var parser = new Parser(new StringReader(yaml));
        var anchored = new Dictionary<string, long>(StringComparer.Ordinal);
        // Per open collection: whether it is a mapping, how many of its children came, its anchor, its expanded size.
        var open = new Stack<(bool IsMapping, long Children, string? Anchor, long Size)>();
        long total = 0;

        void Add(long size, ParsingEvent at)
        {
            total += size;
            if (total > MaxValues)
                throw new ContentException(path, $"line {firstLine - 1 + at.Start.Line}: front matter holds more than {MaxValues:N0} values once its aliases are expanded");
            if (open.Count > 0)
            {
                var parent = open.Pop();
                open.Push(parent with { Children = parent.Children + 1, Size = parent.Size + size });
            }
        }

        bool AtKey() => open.TryPeek(out var parent) && parent.IsMapping && parent.Children % 2 == 0;

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case AnchorAlias alias:
                    if (AtKey())
                        throw new ContentException(path, $"line {firstLine - 1 + current.Start.Line}: front matter uses the alias *{alias.Value} as a key; a key must be written out");
                    Add(anchored.GetValueOrDefault(alias.Value.Value, 1), current);
                    break;
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                        anchored[scalar.Anchor.Value] = 1;
                    Add(1, current);
                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    if (AtKey())
                        throw new ContentException(path, $"line {firstLine - 1 + current.Start.Line}: front matter uses a list or table as a key; a key must be text");
                    if (open.Count == MaxDepth)
                        throw new ContentException(path, $"line {firstLine - 1 + current.Start.Line}: front matter nests lists and tables more than {MaxDepth} deep");
                    open.Push((start is MappingStart, 0, start.Anchor.IsEmpty ? null : start.Anchor.Value, 1));
                    break;
                case SequenceEnd or MappingEnd:
                    var closed = open.Pop();
                    if (closed.Anchor is { } anchor)
                        anchored[anchor] = closed.Size;
                    Add(closed.Size, current);
                    break;
            }
        }
    }

    private static Dictionary<string, FrontMatterValue> Fields(YamlMappingNode mapping, string path)
    {
        var fields = new Dictionary<string, FrontMatterValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                throw new ContentException(path, "front matter keys must be text");
            if (ValueOf(node, path) is { } value)
                fields.TryAdd(name, value);
        }
        return fields;
    }

    /// <summary>The value of a node; null for YAML's null (an empty value, ~ or null), which counts as absent.</summary>
    private static FrontMatterValue? ValueOf(YamlNode node, string path) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode scalar => new FrontMatterText(scalar.Value ?? ""),
        YamlSequenceNode sequence => new FrontMatterList([.. sequence.Children.Select(child => ValueOf(child, path) ?? new FrontMatterText(""))]),
        YamlMappingNode mapping => new FrontMatterTable(Fields(mapping, path)),
        _ => null,
    };
}
