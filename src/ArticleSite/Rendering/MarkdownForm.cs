using System.Text;
using ArticleSite.Loading;
using ArticleSite.Media;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Rendering;

/// <summary>
/// The Markdown form of an article: its file as written, but for the URL of each media reference that was published,
/// which names the file where the site serves it (<c>/media/{hash}/{name}</c>) rather than beside the article, where
/// nothing is served. Every other character is the author's.
/// </summary>
internal static class MarkdownForm
{
    public static string Render(ParsedArticle article)
    {
        var media = article.Metadata.Media;
        if (media.Files.Count == 0)
            return article.Markdown;
        var text = article.Markdown;
        var replacements = new SortedDictionary<int, (int Length, string Url)>();
        foreach (var link in article.Document.Descendants<LinkInline>())
        {
            if (MediaReferences.FileOf(link) is not { } file)
                continue;
            // A reference-style link's URL is written once, in its definition.
            var span = link.Reference is { } definition ? definition.UrlSpan : link.UrlSpan;
            var written = text.AsSpan(span.Start, span.Length);
            // A URL written in angle brackets (<images/a b.jpg>) keeps them: its span holds them.
            var served = written.StartsWith("<") && written.EndsWith(">") ? $"<{SiteRoutes.Media(file)}>" : SiteRoutes.Media(file);
            Add(replacements, text, span.Start, span.Length, written.ToString(), served);
        }
        foreach (var url in MediaReferences.RawHtmlUrls(article.Document))
        {
            if (media.FileFor(url.Url) is { } file)
                Add(replacements, text, url.Position, url.Written.Length, url.Written, SiteRoutes.Media(file));
        }

        var markdown = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, (length, url)) in replacements)
        {
            markdown.Append(text, at, start - at).Append(url);
            at = start + length;
        }
        return markdown.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Adds a replacement where the text holds the URL as written there; a position Markdig could not tell is left as written.</summary>
    private static void Add(SortedDictionary<int, (int Length, string Url)> replacements, string text, int start, int length, string written, string served)
    {
        if (start >= 0 && length > 0 && start + length <= text.Length && text.AsSpan(start, length).SequenceEqual(written)
            && !replacements.Any(other => other.Key < start + length && start < other.Key + other.Value.Length))
            replacements[start] = (length, served);
    }
}
