using System.Diagnostics;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
public static class ArticleFile
{
    /// <summary>Reads, checks and parses the file within <paramref name="limits"/>.</summary>
    /// <exception cref="ContentException">The file cannot be published as it is; the reason names the file and, where there is one, the line.</exception>
    public static Article Load(ArticleEntry entry, ContentLimits limits)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limits.FileTimeBudget.TotalSeconds * Stopwatch.Frequency);
        var path = entry.RelativePath;
        var markdown = ArticleBytes.Decode(ArticleBytes.Read(entry.FullPath, path, limits.MaxFileBytes), path);
        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        MarkdownBudget.CheckSource(markdown, path, limits);
        var document = Parse(markdown, path, limits, deadline);
        MarkdownBudget.CheckDocument(document, markdown, path, limits);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var metadata = FrontMatter.Read(frontMatter, path);
        if (!document.Any(block => block is ParagraphBlock))
            throw new ContentException(path, "the article has no body text below its front matter");

        return new Article(metadata, markdown, document, path, entry.LastWriteUtc) { WordCount = CountWords(document, markdown) };
    }

    private static MarkdownDocument Parse(string markdown, string path, ContentLimits limits, long deadline)
    {
        try
        {
            var context = ParseBudget.ContextWith(limits.MaxParagraphLength, deadline);
            var document = ArticleMarkdown.Parse(markdown, context);
            return ParseBudget.Exceeded(context) is { } paragraph
                ? throw new ContentException(path, $"line {paragraph.Line}: a paragraph of {paragraph.Length:N0} characters, over the limit of {limits.MaxParagraphLength:N0} (ContentLimits:MaxParagraphLength)")
                : document;
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
    }

    /// <summary>The words a reader reads: those of the headings (without their markers) and of the paragraphs.</summary>
    private static int CountWords(MarkdownDocument document, string markdown)
    {
        var words = 0;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is ParagraphBlock)
                words += CountWords(markdown.AsSpan(block.Span.Start, block.Span.Length));
            else if (block is HeadingBlock heading)
                // An ATX heading's source starts with its "##" marker, which is no word.
                words += CountWords(markdown.AsSpan(heading.Span.Start, heading.Span.Length)) - (heading.IsSetext ? 0 : 1);
        }
        return words;
    }

    private static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var character in text)
        {
            var isSpace = char.IsWhiteSpace(character);
            if (!isSpace && !inWord)
                words++;
            inWord = !isSpace;
        }
        return words;
    }
}
