using System.Diagnostics;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>
/// Holds one Markdig parse to the budget its context carries. Markdig's inline parsing takes time that grows with the
/// square of a paragraph's length for some inputs (<c>[a](</c> or ever longer backtick runs, repeated), and it cannot
/// be cancelled. So a paragraph or heading over the length limit is found while blocks are parsed (in linear time) and
/// left unparsed, and an inline parser that matches nothing looks at the clock at every punctuation mark, ending the
/// parse with a <see cref="TimeoutException"/> once the deadline has passed: no abandoned parse runs on for minutes.
/// </summary>
internal sealed class ParseBudget : IMarkdownExtension
{
    private const string LengthKey = nameof(ContentLimits.MaxParagraphLength);

    private const string DeadlineKey = "Deadline";

    private const string ExceededKey = "ParagraphTooLong";

    /// <summary>A parser context that carries the budget to this extension, and its finding back.</summary>
    /// <param name="deadline">A <see cref="Stopwatch.GetTimestamp"/> value.</param>
    public static MarkdownParserContext ContextWith(int maxParagraphLength, long deadline)
    {
        var context = new MarkdownParserContext();
        context.Properties[LengthKey] = maxParagraphLength;
        context.Properties[DeadlineKey] = deadline;
        return context;
    }

    /// <summary>The first paragraph or heading over the length limit (its 1-based line and length), if any.</summary>
    public static (int Line, int Length)? Exceeded(MarkdownParserContext context) =>
        context.Properties.TryGetValue(ExceededKey, out var found) ? ((int, int))found : null;

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.BlockParsers.Find<ParagraphBlockParser>()!.Closed += CheckLength;
        pipeline.BlockParsers.Find<HeadingBlockParser>()!.Closed += CheckLength;
        pipeline.InlineParsers.Insert(0, new DeadlineCheck());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void CheckLength(BlockProcessor processor, Block block)
    {
        if (block is not LeafBlock leaf || processor.Context?.Properties is not { } properties || !properties.TryGetValue(LengthKey, out var limit))
            return;
        var length = 0;
        for (var index = 0; index < leaf.Lines.Count; index++)
            length += leaf.Lines.Lines[index].Slice.Length;
        if (length <= (int)limit)
            return;
        leaf.ProcessInlines = false;
        properties.TryAdd(ExceededKey, (leaf.Line + 1, length));
    }

    /// <summary>Runs before every inline parser at the characters that start their costly work, and never matches.</summary>
    private sealed class DeadlineCheck : InlineParser
    {
        public DeadlineCheck() => OpeningCharacters = ['[', ']', '(', '!', '`', '*', '_', '<', '&', '\\', '~'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice) =>
            processor.Context?.Properties.TryGetValue(DeadlineKey, out var deadline) == true && Stopwatch.GetTimestamp() > (long)deadline
                ? throw new TimeoutException("the Markdown took longer than its time budget to parse")
                : false;
    }
}
