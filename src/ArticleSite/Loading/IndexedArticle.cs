using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArticleSite.Loading;

/// <summary>
/// An <see cref="Article"/> as the article index stores it: every field serving needs, written out explicitly (JSON, source
/// generated), so that an article taken from the index is the article its file parses to.
/// </summary>
public sealed record IndexedArticle(
    string Title,
    string Summary,
    IndexedDate Date,
    string Slug,
    string Language,
    string? Source,
    string? Section,
    bool Lead,
    IndexedDate? Updated,
    IndexedDate? PublishDate,
    IndexedDate? Expiry,
    bool Draft,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Aliases,
    string? Image,
    IReadOnlyList<IndexedMediaFile> MediaFiles,
    IReadOnlyList<IndexedProblem> MediaProblems,
    IReadOnlyList<IndexedMediaStamp> MediaStamps,
    int Words,
    int CjkCharacters,
    string SourceHash)
{
    /// <summary>Every media format a file can have: a stored format is one of these by name, or the article is read again.</summary>
    private static readonly Dictionary<string, MediaFormat> Formats = new[]
    {
        MediaFormat.Jpeg, MediaFormat.Png, MediaFormat.Gif, MediaFormat.WebP, MediaFormat.Avif, MediaFormat.Svg, MediaFormat.Pdf,
        MediaFormat.Mp4, MediaFormat.QuickTime, MediaFormat.WebM, MediaFormat.Mp4Audio, MediaFormat.Mp3, MediaFormat.Ogg,
        MediaFormat.Wav, MediaFormat.Flac,
    }.ToDictionary(format => format.Name, StringComparer.Ordinal);

    public static IndexedArticle Of(Article article)
    {
        var metadata = article.Metadata;
        var media = metadata.Media;
        return new IndexedArticle(
            metadata.Title, metadata.Summary, IndexedDate.Of(metadata.Date), metadata.Slug, metadata.Language, metadata.Source, metadata.Section,
            metadata.Lead, IndexedDate.Of(metadata.Updated), IndexedDate.Of(metadata.PublishDate), IndexedDate.Of(metadata.Expiry), metadata.Draft,
            metadata.Authors, metadata.Tags, metadata.Aliases, metadata.Image,
            [.. media.Files.Select(file => new IndexedMediaFile(file.Reference, file.FullPath, file.RelativePath, file.Format.Name, file.Hash, file.Length, file.LastWriteUtc.Ticks, file.Width, file.Height))],
            [.. media.Problems.Select(problem => new IndexedProblem(problem.Path, problem.Reason))],
            [.. media.Stamps.Select(stamp => new IndexedMediaStamp(stamp.FullPath, stamp.Length, stamp.LastWriteUtc.Ticks))],
            article.Reading.Words, article.Reading.CjkCharacters, HashText(article.SourceHash));
    }

    /// <summary>The article this row stands for, read again from <paramref name="source"/> when a body is rendered; null when a media format is unknown.</summary>
    public Article? ToArticle(string path, ArticleSource source)
    {
        if (MediaFiles.Any(file => !Formats.ContainsKey(file.Format)))
            return null;
        var media = MediaFiles.Count == 0 && MediaProblems.Count == 0 && MediaStamps.Count == 0
            ? ResolvedMedia.None
            : new ResolvedMedia(
                [.. MediaFiles.Select(file => new MediaFile(file.Reference, file.FullPath, file.RelativePath, Formats[file.Format], file.Hash, file.Length, new DateTime(file.LastWriteTicks, DateTimeKind.Utc), file.Width, file.Height))],
                [.. MediaProblems.Select(problem => new ContentException(problem.Path, problem.Reason))],
                [.. MediaStamps.Select(stamp => new MediaStamp(stamp.FullPath, stamp.Length, new DateTime(stamp.LastWriteTicks, DateTimeKind.Utc)))]);
        var metadata = new ArticleMetadata(Title, Summary, Date.ToDate(), Slug, Language, Source, Section)
        {
            Lead = Lead,
            Updated = Updated?.ToDate(),
            PublishDate = PublishDate?.ToDate(),
            Expiry = Expiry?.ToDate(),
            Draft = Draft,
            Authors = Authors,
            Tags = Tags,
            Aliases = Aliases,
            Image = Image,
            Media = media,
        };
        return new Article(metadata, path)
        {
            Reading = new ReadingTime(Words, CjkCharacters),
            SourceHash = UInt128.Parse(SourceHash, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            Source = source,
        };
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, IndexedArticleJson.Default.IndexedArticle);

    /// <exception cref="JsonException">The bytes are not an article of this form.</exception>
    public static IndexedArticle? FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, IndexedArticleJson.Default.IndexedArticle);

    /// <summary>A source hash as the index writes it: 32 hexadecimal digits.</summary>
    public static string HashText(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);
}

/// <summary>An <see cref="ArticleDate"/>: the instant with the author's offset, and whether a time was written.</summary>
public sealed record IndexedDate(DateTimeOffset Value, bool HasTime)
{
    public ArticleDate ToDate() => new(Value, HasTime);

    public static IndexedDate Of(ArticleDate date) => new(date.Value, date.HasTime);

    public static IndexedDate? Of(ArticleDate? date) => date is { } known ? Of(known) : null;
}

/// <summary>A <see cref="MediaFile"/>, its format by name.</summary>
public sealed record IndexedMediaFile(string Reference, string FullPath, string RelativePath, string Format, string Hash, long Length, long LastWriteTicks, int? Width, int? Height);

/// <summary>A media reference's problem, as the article reports it.</summary>
public sealed record IndexedProblem(string Path, string Reason);

/// <summary>A <see cref="MediaStamp"/>: a file a media reference looked at.</summary>
public sealed record IndexedMediaStamp(string FullPath, long Length, long LastWriteTicks);

[JsonSerializable(typeof(IndexedArticle))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class IndexedArticleJson : JsonSerializerContext;
