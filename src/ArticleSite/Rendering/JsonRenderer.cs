using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ArticleSite.Loading;
using Markdig.Syntax;

namespace ArticleSite.Rendering;

/// <summary>Renders an article as <see cref="ArticleJson"/>: its metadata and its body as typed blocks of plain text.</summary>
internal static class JsonRenderer
{
    // Keeps the reporter's characters (“ ” ’ –) readable instead of \u escapes; HTML-sensitive characters stay escaped.
    private static readonly ArticleJsonContext Context = new(new JsonSerializerOptions(ArticleJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    public static ArticleJson Describe(ParsedArticle article, string canonicalUrl)
    {
        var sections = new List<ArticleJsonSection>();
        string? heading = null;
        var paragraphs = new List<string>();
        foreach (var block in article.Document.Descendants<LeafBlock>())
        {
            if (block is HeadingBlock)
            {
                if (heading is not null || paragraphs.Count > 0)
                    sections.Add(new ArticleJsonSection(heading, paragraphs));
                heading = PlainTextRenderer.TextOf(block.Inline);
                paragraphs = [];
            }
            else if (block is ParagraphBlock or HtmlBlock && !(block is ParagraphBlock paragraph && ArticleFigure.ImageOf(paragraph) is not null)
                && PlainTextRenderer.TextOf(block) is { Length: > 0 } text)
            {
                paragraphs.Add(text);
            }
        }
        sections.Add(new ArticleJsonSection(heading, paragraphs));

        var metadata = article.Metadata;
        return new ArticleJson(
            metadata.Title, metadata.Summary, metadata.Date.Day, metadata.Source, metadata.Section, metadata.Language ?? SiteIdentity.Default.Language,
            Updated: metadata.Updated?.Day,
            Authors: [.. metadata.Authors.Select(author => author.Name)],
            Tags: metadata.Tags,
            WordCount: article.WordCount,
            ReadingTimeMinutes: article.ReadingMinutes,
            CanonicalUrl: canonicalUrl,
            Sections: sections,
            Blocks: ArticleBlocks.Of(article.Document, withUrls: false, PageWords.For(metadata.Language ?? SiteIdentity.Default.Language)));
    }

    public static byte[] Render(ParsedArticle article, string canonicalUrl) =>
        JsonSerializer.SerializeToUtf8Bytes(Describe(article, canonicalUrl), Context.ArticleJson);

}
