using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>
/// The attribute lists other tools' Markdown carries (<c>## Background {#background}</c>, <c>{ #react }</c>,
/// <c>![](a.png){ .no-darkening }</c>, Goldmark's <c>{.class}</c> line under a table), read so that none is shown to a
/// reader. Only an id is kept, made unique in the article: it is an anchor, which links and "In this article" use.
/// Classes the site's stylesheet does not know and every other attribute (<c>{onclick=…}</c>, <c>{style=…}</c>) are
/// dropped. A brace that is not a well-formed list (<c>{...}</c>, <c>{ ...state }</c>) stays text.
/// </summary>
internal sealed partial class AttributeLists : IMarkdownExtension
{
    /// <summary>Classes Markdig's own extensions give blocks when they are parsed, which the site's renderers use.</summary>
    private static readonly string[] MarkdigClasses = ["contains-task-list", "task-list-item"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        new GenericAttributesExtension().Setup(pipeline);
        var inline = pipeline.InlineParsers.FindIndex(parser => parser is GenericAttributesParser);
        pipeline.InlineParsers[inline] = new WellFormedOnly((GenericAttributesParser)pipeline.InlineParsers[inline]);
        foreach (var parseable in pipeline.BlockParsers.OfType<IAttributesParseable>().Where(parser => parser.TryParseAttributes is not null))
        {
            var parse = parseable.TryParseAttributes!;
            parseable.TryParseAttributes = (BlockProcessor processor, ref StringSlice slice, IBlock block) =>
                IsWellFormed(slice.AsSpan()) && parse(processor, ref slice, block);
        }
        pipeline.BlockParsers.Insert(0, new AttributeLine());
        pipeline.DocumentProcessed += KeepOnlyIds;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>True when the text starts with a list of <c>#id</c>, <c>.class</c> and <c>key=value</c> in braces.</summary>
    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny('}', '\n');
        return end > 1 && text[0] == '{' && text[end] == '}' && AttributeList().IsMatch(text[..(end + 1)]);
    }

    private static void KeepOnlyIds(MarkdownDocument document)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in document.Descendants())
        {
            if (node.TryGetAttributes() is not { } attributes)
                continue;
            attributes.Properties = null;
            // "## Background {#background}": the space before the list is not the heading's.
            if (node is HeadingBlock { Inline.LastChild: LiteralInline last })
                last.Content.TrimEnd();
            attributes.Classes?.RemoveAll(name => !name.StartsWith("language-", StringComparison.Ordinal) && !MarkdigClasses.Contains(name));
            if (attributes.Id is { } id)
            {
                var unique = id;
                for (var suffix = 1; !ids.Add(unique); suffix++)
                    unique = $"{id}-{suffix}";
                attributes.Id = unique;
            }
        }
    }

    /// <summary>Markdig's attribute parser, given only what is certainly an attribute list.</summary>
    private sealed class WellFormedOnly : InlineParser
    {
        private readonly GenericAttributesParser parser;

        public WellFormedOnly(GenericAttributesParser parser)
        {
            this.parser = parser;
            OpeningCharacters = parser.OpeningCharacters;
        }

        public override void Initialize() => parser.Initialize();

        public override bool Match(InlineProcessor processor, ref StringSlice slice) =>
            IsWellFormed(slice.AsSpan()) && parser.Match(processor, ref slice);
    }

    /// <summary>A line holding only an attribute list (Goldmark and kramdown write one under a table or paragraph): read, and dropped with what it says.</summary>
    private sealed class AttributeLine : BlockParser
    {
        public AttributeLine() => OpeningCharacters = ['{'];

        public override BlockState TryOpen(BlockProcessor processor)
        {
            if (processor.IsCodeIndent)
                return BlockState.None;
            var line = processor.Line.AsSpan().TrimEnd();
            return IsWellFormed(line) && line.IndexOf('}') == line.Length - 1 ? BlockState.BreakDiscard : BlockState.None;
        }
    }

    [GeneratedRegex("""^\{[ \t]*(?:(?:#[\w:.-]+|\.-?[A-Za-z_][\w-]*|[A-Za-z_:][\w.:-]*=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))[ \t]*)+\}\z""")]
    private static partial Regex AttributeList();
}
