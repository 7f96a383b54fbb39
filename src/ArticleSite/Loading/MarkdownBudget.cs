using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Loading;

/// <summary>
/// Checks an article's Markdown against <see cref="ContentLimits"/>: first its source, line by line, for the shapes that
/// make parsing slow (deep nesting, thousands of headings or link definitions), then the parsed tree, for depth, block
/// count and the size its body would render to. Each check is linear, and each refusal names the limit.
/// </summary>
internal static class MarkdownBudget
{
    /// <summary>
    /// The source check is coarse (it cannot tell code from lists), so it allows four times the nesting limit: enough
    /// to refuse in milliseconds the thousands of levels that take Markdig minutes, never a real article's indentation.
    /// </summary>
    private const int SourceNestingAllowance = 4;

    /// <summary>Checks the source, parses it held to the paragraph length and the deadline, and checks the tree.</summary>
    /// <param name="deadline">A <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> value: when the file's time budget is spent.</param>
    /// <exception cref="ContentException">The Markdown is over a limit, or Markdig refuses it.</exception>
    public static MarkdownDocument ParseWithin(string markdown, string path, ContentLimits limits, RawHtml rawHtml, long deadline)
    {
        CheckSource(markdown, path, limits);
        MarkdownDocument document;
        try
        {
            var context = ParseBudget.ContextWith(limits.MaxParagraphLength, deadline);
            document = ArticleMarkdown.Parse(markdown, rawHtml, context);
            if (ParseBudget.Exceeded(context) is { } paragraph)
                throw new ContentException(path, $"line {paragraph.Line}: a paragraph of {paragraph.Length:N0} characters, over the limit of {limits.MaxParagraphLength:N0} (ContentLimits:MaxParagraphLength)");
        }
        catch (TimeoutException)
        {
            throw new ContentException(path, $"took longer than {ContentLimits.Describe(limits.FileTimeBudget)} to read and parse (ContentLimits:FileTimeBudget); not published");
        }
        catch (ArgumentException problem)
        {
            // Markdig's own nesting limit, which its inline parser reaches before ours can be checked.
            throw new ContentException(path, $"cannot be parsed as Markdown: {problem.Message}");
        }
        CheckDocument(document, markdown, path, limits);
        return document;
    }

    /// <exception cref="ContentException">The source is over a limit.</exception>
    private static void CheckSource(string markdown, string path, ContentLimits limits)
    {
        var (headings, definitions, line) = (0, 0, 0);
        string? frontMatterEnd = markdown.StartsWith("---", StringComparison.Ordinal) ? "---" : markdown.StartsWith("+++", StringComparison.Ordinal) ? "+++" : null;
        foreach (var text in markdown.AsSpan().EnumerateLines())
        {
            line++;
            if (frontMatterEnd is not null)
            {
                // Front matter is not Markdown: its lines are checked by its own parser's limits.
                if (line > 1 && text.TrimEnd().SequenceEqual(frontMatterEnd))
                    frontMatterEnd = null;
                continue;
            }
            var depth = Nesting(text, out var restStart);
            var rest = text[restStart..];
            if (depth > limits.MaxNestingDepth * SourceNestingAllowance)
                throw new ContentException(path, $"line {line}: nested about {depth} levels deep, over the limit of {limits.MaxNestingDepth} (ContentLimits:MaxNestingDepth)");
            if (IsHeadingLine(rest) && ++headings > limits.MaxHeadings)
                throw new ContentException(path, $"line {line}: more than {limits.MaxHeadings:N0} headings (ContentLimits:MaxHeadings)");
            if (IsLinkDefinitionLine(rest) && ++definitions > limits.MaxLinkDefinitions)
                throw new ContentException(path, $"line {line}: more than {limits.MaxLinkDefinitions:N0} link reference definitions (ContentLimits:MaxLinkDefinitions)");
        }
    }

    /// <exception cref="ContentException">The parsed article is over a limit.</exception>
    private static void CheckDocument(MarkdownDocument document, string markdown, string path, ContentLimits limits)
    {
        var blocks = 0;
        long rendered = markdown.Length;
        // Inlines are counted against the line of the block they are in: their own positions are not lines.
        var pending = new Stack<(MarkdownObject Node, int Depth, int Line)>([(document, 0, 1)]);
        while (pending.TryPop(out var item))
        {
            if (item.Depth > limits.MaxNestingDepth)
                throw new ContentException(path, $"line {item.Line}: nested more than {limits.MaxNestingDepth} levels deep (ContentLimits:MaxNestingDepth)");
            switch (item.Node)
            {
                case ContainerBlock container:
                    blocks += container.Count;
                    foreach (var child in container)
                        pending.Push((child, item.Depth + 1, child.Line + 1));
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, item.Depth + 1, item.Line));
                    break;
                case ContainerInline inlines:
                    // A reference link writes its definition's URL and title at every use: [x] a thousand times can be gigabytes.
                    if (inlines is LinkInline link)
                        rendered += (link.Url?.Length ?? 0) + (link.Title?.Length ?? 0);
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                        pending.Push((child, item.Depth + 1, item.Line));
                    break;
                case AutolinkInline autolink:
                    rendered += autolink.Url.Length;
                    break;
            }
        }

        if (blocks > limits.MaxBlocks)
            throw new ContentException(path, $"has {blocks:N0} blocks, over the limit of {limits.MaxBlocks:N0} (ContentLimits:MaxBlocks)");
        if (rendered > limits.MaxRenderedBytes)
            throw new ContentException(path, $"would render to about {Megabytes(rendered)}, over the limit of {Megabytes(limits.MaxRenderedBytes)} (ContentLimits:MaxRenderedBytes)");
    }

    /// <summary>How many container markers (quotation marks, list markers, every two columns of indentation) open a line, and where the rest of it starts.</summary>
    private static int Nesting(ReadOnlySpan<char> line, out int restStart)
    {
        var (markers, columns, index) = (0, 0, 0);
        while (index < line.Length)
        {
            var character = line[index];
            if (character == ' ')
                columns++;
            else if (character == '\t')
                columns += 4 - columns % 4;
            else if (character == '>' || (character is '-' or '*' or '+' && index + 1 < line.Length && line[index + 1] is ' ' or '\t'))
            {
                markers++;
                if (index + 1 < line.Length && line[index + 1] == ' ')
                    index++; // the space after a marker belongs to it, not to the indentation
            }
            else
                break;
            index++;
        }
        restStart = index;
        // A blank line nests nothing, however indented: front matter the parser blanked out is a run of spaces.
        return index == line.Length ? markers : markers + columns / 2;
    }

    private static bool IsHeadingLine(ReadOnlySpan<char> rest)
    {
        var hashes = rest.Length - rest.TrimStart('#').Length;
        if (hashes is >= 1 and <= 6)
            return rest.Length == hashes || rest[hashes] is ' ' or '\t';
        // A setext heading's underline; thematic breaks count too, which only makes the check stricter.
        var underline = rest.TrimEnd();
        return underline.Length > 0 && (underline.Trim('=').IsEmpty || underline.Trim('-').IsEmpty);
    }

    private static bool IsLinkDefinitionLine(ReadOnlySpan<char> rest) =>
        rest.StartsWith("[") && rest.IndexOf("]:") > 1;

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MiB";
}
