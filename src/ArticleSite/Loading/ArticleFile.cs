using ArticleSite.Media;

namespace ArticleSite.Loading;

/// <summary>Reads one Markdown file into an <see cref="Article"/>, or says by file name why it cannot be published.</summary>
internal static class ArticleFile
{
    /// <summary>Reads, checks and parses the file within <paramref name="limits"/>, its raw HTML treated as <paramref name="rawHtml"/> says.</summary>
    /// <exception cref="ContentException">The file cannot be published as it is; the reason names the file and, where there is one, the line.</exception>
    /// <param name="knownMedia">The media files found when the article was published: read again for a render, they are not hashed again.</param>
    /// <param name="rereader">Where the article is read again from.</param>
    public static ParsedArticle Load(ArticleEntry entry, ContentLimits limits, RawHtml rawHtml, ResolvedMedia? knownMedia, ArticleRereader rereader) =>
        Load(entry, limits, rawHtml, knownMedia, rereader, out _);

    /// <inheritdoc cref="Load(ArticleEntry, ContentLimits, RawHtml, ResolvedMedia?, ArticleRereader)"/>
    /// <param name="bytes">The bytes read, which the article's hash names.</param>
    public static ParsedArticle Load(ArticleEntry entry, ContentLimits limits, RawHtml rawHtml, ResolvedMedia? knownMedia, ArticleRereader rereader, out byte[] bytes)
    {
        var deadline = limits.FileDeadlineFromNow();
        bytes = ArticleBytes.Read(entry.FullPath, entry.RelativePath, limits.MaxFileBytes);
        return Parse(bytes, entry, limits, rawHtml, knownMedia, rereader, deadline);
    }

    /// <summary>Checks and parses bytes read from the file (now or when they were published) as <see cref="Load"/> does.</summary>
    /// <exception cref="ContentException">The bytes cannot be published.</exception>
    public static ParsedArticle Parse(byte[] bytes, ArticleEntry entry, ContentLimits limits, RawHtml rawHtml, ResolvedMedia? knownMedia, ArticleRereader rereader, long deadline)
    {
        var path = entry.RelativePath;
        var markdown = ArticleBytes.Decode(bytes, path);
        if (string.IsNullOrWhiteSpace(markdown))
            throw new ContentException(path, "the file is empty");

        var parsed = ArticleParser.Parse(markdown, path, body => MarkdownBudget.ParseWithin(body, path, limits, rawHtml, deadline), rereader, Article.HashOf(bytes));
        var folder = entry.FullPath[..^entry.RelativePath.Length];
        var media = MediaReferences.Resolve(parsed.Document, parsed.Markdown, folder, path, limits, parsed.Metadata.Image, knownMedia, deadline);
        // Reported with the media problems, which the article index keeps and /healthz and check list.
        if (parsed.Problems.Count > 0)
            media = media with { Problems = [.. parsed.Problems, .. media.Problems] };
        if (ReferenceEquals(media, ResolvedMedia.None))
            return parsed;
        return parsed with { Article = parsed.Article with { Metadata = parsed.Metadata with { Media = media }, VersionHash = HashOf(bytes, media) } };
    }

    /// <summary>
    /// The article's <see cref="Article.VersionHash"/>: the hash of its bytes, with the hash of each media file it
    /// publishes. The bodies name each file by its hash: a picture replaced beside an unchanged article makes new bodies.
    /// </summary>
    public static UInt128 HashOf(byte[] bytes, ResolvedMedia media)
    {
        var hash = Article.HashOf(bytes);
        foreach (var file in media.Files)
            hash = Article.HashOf([.. BitConverter.GetBytes(hash), .. System.Text.Encoding.ASCII.GetBytes(file.Hash)]);
        return hash;
    }
}
