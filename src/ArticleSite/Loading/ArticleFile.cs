using System.Diagnostics;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
public static class ArticleFile
{
    /// <summary>Reads, checks and parses the file within <paramref name="limits"/>, its raw HTML treated as <paramref name="rawHtml"/> says.</summary>
    /// <exception cref="ContentException">The file cannot be published as it is; the reason names the file and, where there is one, the line.</exception>
    public static Article Load(ArticleEntry entry, ContentLimits limits, RawHtml rawHtml)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limits.FileTimeBudget.TotalSeconds * Stopwatch.Frequency);
        var path = entry.RelativePath;
        var markdown = ArticleBytes.Decode(ArticleBytes.Read(entry.FullPath, path, limits.MaxFileBytes), path);
        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        var article = ArticleParser.Parse(markdown, path, body => MarkdownBudget.ParseWithin(body, path, limits, rawHtml, deadline));
        var folder = entry.FullPath[..^entry.RelativePath.Length];
        var media = MediaReferences.Resolve(article.Document, markdown, folder, path, limits, article.Metadata.Image);
        return ReferenceEquals(media, ResolvedMedia.None) ? article : article with { Metadata = article.Metadata with { Media = media } };
    }
}
