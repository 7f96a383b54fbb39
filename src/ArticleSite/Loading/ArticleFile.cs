using System.Text;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
public static class ArticleFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Article Load(string path, RawHtml rawHtml)
    {
        string markdown;
        DateTimeOffset lastModified;
        try
        {
            var bytes = File.ReadAllBytes(path);
            lastModified = File.GetLastWriteTimeUtc(path);
            markdown = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ContentException(path, "not valid UTF-8");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContentException(path, $"cannot be read: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        var document = ArticleMarkdown.Parse(markdown, rawHtml);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var metadata = FrontMatter.Read(frontMatter, path);
        if (!document.Any(block => block is ParagraphBlock))
            throw new ContentException(path, "the article has no body text below its front matter");

        return new Article(metadata, markdown, document, path, lastModified) { WordCount = CountWords(document, markdown) };
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
