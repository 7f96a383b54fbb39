using System.Diagnostics;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
public static class ArticleFile
{
    /// <summary>Reads, checks and parses the file within <paramref name="limits"/>, its raw HTML treated as <paramref name="rawHtml"/> says.</summary>
    /// <exception cref="ContentException">The file cannot be published as it is; the reason names the file and, where there is one, the line.</exception>
    /// <param name="knownMedia">The media files found when the article was published: read again for a render, they are not hashed again.</param>
    public static ParsedArticle Load(ArticleEntry entry, ContentLimits limits, RawHtml rawHtml, ResolvedMedia? knownMedia = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limits.FileTimeBudget.TotalSeconds * Stopwatch.Frequency);
        var path = entry.RelativePath;
        var bytes = ArticleBytes.Read(entry.FullPath, path, limits.MaxFileBytes);
        var markdown = ArticleBytes.Decode(bytes, path);
        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        var parsed = ArticleParser.Parse(markdown, path, body => MarkdownBudget.ParseWithin(body, path, limits, rawHtml, deadline),
            new FileSource(entry.FullPath, limits, rawHtml), Article.HashOf(bytes));
        var folder = entry.FullPath[..^entry.RelativePath.Length];
        var media = MediaReferences.Resolve(parsed.Document, markdown, folder, path, limits, parsed.Metadata.Image, knownMedia);
        if (ReferenceEquals(media, ResolvedMedia.None))
            return parsed;
        // The bodies name each file by its hash: a picture replaced beside an unchanged article makes new bodies.
        var hash = parsed.Article.SourceHash;
        foreach (var file in media.Files)
            hash = Article.HashOf([.. BitConverter.GetBytes(hash), .. System.Text.Encoding.ASCII.GetBytes(file.Hash)]);
        return parsed with { Article = parsed.Article with { Metadata = parsed.Metadata with { Media = media }, SourceHash = hash } };
    }
}
