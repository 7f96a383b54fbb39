using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Media;
using Microsoft.Data.Sqlite;

namespace ArticleSite.Loading;

/// <summary>
/// An <see cref="Article"/> as one row of the article index: every field serving needs, each in a column of its own
/// (readable with the <c>sqlite3</c> shell), so that a start-up reads 100,000 rows without parsing a document per row.
/// Lists are JSON arrays, and null when empty, as most are.
/// </summary>
internal static partial class ArticleRow
{
    /// <summary>The columns, in order; SQLite needs no type but the primary key's.</summary>
    private enum Column
    {
        Path, Size, LastWriteTicks, VersionHash, Title, Summary, Slug, Language, Source, Section, Image, Lead, Draft,
        Date, DateHasTime, Updated, UpdatedHasTime, PublishDate, PublishDateHasTime, Expiry, ExpiryHasTime,
        Authors, Tags, Aliases, Media, Words, CjkCharacters, TranslationKey,
    }

    private static readonly string[] Names = Enum.GetNames<Column>();

    public static string CreateTable { get; } = $"CREATE TABLE articles({Names[0]} TEXT PRIMARY KEY, {string.Join(", ", Names[1..])})";

    public static string SelectAll { get; } = $"SELECT {string.Join(", ", Names)} FROM articles";

    public static string Upsert { get; } = $"INSERT OR REPLACE INTO articles VALUES ({string.Join(", ", Names.Select(name => "$" + name))})";

    /// <summary>One parameter per column, for <see cref="Upsert"/>; <see cref="Bind"/> gives them a file's values.</summary>
    public static SqliteParameter[] Parameters(SqliteCommand command) => [.. Names.Select(name => command.Parameters.AddWithValue("$" + name, DBNull.Value))];

    public static void Bind(SqliteParameter[] parameters, PublishedFile file)
    {
        var metadata = file.Article.Metadata;
        var media = metadata.Media;
        void Set(Column column, object? value) => parameters[(int)column].Value = value ?? DBNull.Value;
        void SetDate(Column column, ArticleDate? date)
        {
            Set(column, date?.Value.ToString("O", CultureInfo.InvariantCulture));
            Set(column + 1, date?.HasTime);
        }
        string? List(IReadOnlyList<string> items) => items.Count == 0 ? null : JsonSerializer.Serialize(items, ArticleRowJson.Default.IReadOnlyListString);

        Set(Column.Path, file.RelativePath);
        Set(Column.Size, file.Stamp.Size);
        Set(Column.LastWriteTicks, file.Stamp.LastWriteUtc.Ticks);
        Set(Column.VersionHash, HashBytes(file.Article.VersionHash));
        Set(Column.Title, metadata.Title);
        Set(Column.Summary, metadata.Summary);
        Set(Column.Slug, metadata.Slug);
        Set(Column.Language, metadata.Language);
        Set(Column.Source, metadata.Source);
        Set(Column.Section, metadata.Section);
        Set(Column.Image, metadata.Image);
        Set(Column.Lead, metadata.Lead);
        Set(Column.Draft, metadata.Draft);
        SetDate(Column.Date, metadata.Date);
        SetDate(Column.Updated, metadata.Updated);
        SetDate(Column.PublishDate, metadata.PublishDate);
        SetDate(Column.Expiry, metadata.Expiry);
        Set(Column.Authors, metadata.Authors.Count == 0 ? null : JsonSerializer.Serialize(metadata.Authors, ArticleRowJson.Default.IReadOnlyListPerson));
        Set(Column.Tags, List(metadata.Tags));
        Set(Column.Aliases, List(metadata.Aliases));
        Set(Column.Media, media.Files.Count == 0 && media.Problems.Count == 0 && media.Stamps.Count == 0 ? null : JsonSerializer.Serialize(IndexedMedia.Of(media), ArticleRowJson.Default.IndexedMedia));
        Set(Column.Words, file.Article.Reading.Words);
        Set(Column.CjkCharacters, file.Article.Reading.CjkCharacters);
        Set(Column.TranslationKey, metadata.TranslationKey);
    }

    /// <summary>
    /// The file and article of the reader's current row; null when this build cannot read it or the row is not one this
    /// build could have written of a file in <paramref name="folder"/> (the file is read instead): each field the parser
    /// checks is checked again, and each media file must be in the folder, with the size and time of its stamp, which
    /// the library compares with the disk before it takes the row.
    /// </summary>
    public static PublishedFile? Read(SqliteDataReader row, ArticleRereader rereader, string folder)
    {
        string? Text(Column column) => row.IsDBNull((int)column) ? null : row.GetString((int)column);
        bool Flag(Column column) => row.GetInt64((int)column) != 0;
        ArticleDate? Date(Column column) => Text(column) is { } text
            ? new ArticleDate(DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture), Flag(column + 1))
            : null;
        IReadOnlyList<string> Strings(Column column) =>
            Text(column) is { } json ? JsonSerializer.Deserialize(json, ArticleRowJson.Default.IReadOnlyListString) ?? [] : [];

        try
        {
            var path = row.GetString((int)Column.Path);
            var media = Text(Column.Media) is { } json ? JsonSerializer.Deserialize(json, ArticleRowJson.Default.IndexedMedia)?.ToMedia() : ResolvedMedia.None;
            if (media is null)
                return null;
            if (row.GetFieldValue<byte[]>((int)Column.VersionHash) is not { Length: 16 } hash)
                return null;
            var metadata = new ArticleMetadata(Text(Column.Title)!, Text(Column.Summary)!, Date(Column.Date)!.Value, Text(Column.Slug)!, Text(Column.Language), Text(Column.Source), Text(Column.Section))
            {
                Lead = Flag(Column.Lead),
                Updated = Date(Column.Updated),
                PublishDate = Date(Column.PublishDate),
                Expiry = Date(Column.Expiry),
                Draft = Flag(Column.Draft),
                Authors = Text(Column.Authors) is { } authors ? JsonSerializer.Deserialize(authors, ArticleRowJson.Default.IReadOnlyListPerson) ?? [] : [],
                Tags = Strings(Column.Tags),
                Aliases = Strings(Column.Aliases),
                Image = Text(Column.Image),
                Media = media,
                TranslationKey = Text(Column.TranslationKey) ?? "",
            };
            var article = new Article(metadata, path)
            {
                Reading = new ReadingTime((int)row.GetInt64((int)Column.Words), (int)row.GetInt64((int)Column.CjkCharacters)),
                VersionHash = BinaryPrimitives.ReadUInt128BigEndian(hash),
                Rereader = rereader,
            };
            return IsPossible(metadata, Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))
                ? new PublishedFile(path, Stamp(folder, path, row.GetInt64((int)Column.Size), row.GetInt64((int)Column.LastWriteTicks)), article)
                : null;
        }
        catch (Exception unreadable) when (unreadable is JsonException or FormatException or InvalidCastException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The stamp a row keeps of its file: the one its folder's scan gives the file while it is unchanged.</summary>
    public static FileStamp Stamp(string folder, string relativePath, long size, long lastWriteTicks) =>
        new(Path.Combine(folder, relativePath), size, new DateTime(lastWriteTicks, DateTimeKind.Utc));

    /// <summary>Whether reading a file in <paramref name="root"/> could have given <paramref name="metadata"/>: a row is never trusted.</summary>
    private static bool IsPossible(ArticleMetadata metadata, string root)
    {
        bool Inside(string fullPath) => fullPath.StartsWith(root + "/", StringComparison.Ordinal) && Path.GetFullPath(fullPath) == fullPath
            && !fullPath[(root.Length + 1)..].Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.'));
        var media = metadata.Media;
        return metadata is { Title: not null, Summary: not null, Slug: not null, TranslationKey.Length: > 0 }
            && FrontMatter.IsValidSlug(metadata.Slug)
            && (metadata.Language is null || ArticleParser.IsLanguageTag(metadata.Language))
            && metadata.Aliases.All(ArticleParser.IsAliasPath)
            && metadata.Authors.All(author => author.Name is { Length: > 0 })
            && media.Stamps.All(stamp => Inside(stamp.FullPath))
            && media.Files.All(file => file.FullPath == $"{root}/{file.RelativePath}" && Inside(file.FullPath) && media.Stamps.Contains(file.Stamp));
    }

    /// <summary>A version hash as the index stores it: 16 bytes, big-endian.</summary>
    public static byte[] HashBytes(UInt128 hash)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        return bytes;
    }

    /// <summary>An article's <see cref="ResolvedMedia"/>, each format by name.</summary>
    private sealed record IndexedMedia(IReadOnlyList<IndexedMediaFile> Files, IReadOnlyList<IndexedProblem> Problems, IReadOnlyList<FileStamp> Stamps)
    {
        public static IndexedMedia Of(ResolvedMedia media) => new(
            [.. media.Files.Select(file => new IndexedMediaFile(file.Reference, file.RelativePath, file.Format.Name, file.Hash, file.Stamp, file.Width, file.Height))],
            [.. media.Problems.Select(problem => new IndexedProblem(problem.Path, problem.Reason))],
            media.Stamps);

        /// <summary>Null when a format is not one this build knows.</summary>
        public ResolvedMedia? ToMedia() => Files.Any(file => MediaFormat.Named(file.Format) is null)
            ? null
            : new ResolvedMedia(
                [.. Files.Select(file => new MediaFile(file.Reference, file.RelativePath, MediaFormat.Named(file.Format)!, file.Hash, file.Stamp, file.Width, file.Height))],
                [.. Problems.Select(problem => new ContentException(problem.Path, problem.Reason))],
                Stamps);
    }

    private sealed record IndexedMediaFile(string Reference, string RelativePath, string Format, string Hash, FileStamp Stamp, int? Width, int? Height);

    private sealed record IndexedProblem(string Path, string Reason);

    [JsonSerializable(typeof(IndexedMedia))]
    [JsonSerializable(typeof(IReadOnlyList<string>))]
    [JsonSerializable(typeof(IReadOnlyList<Person>))]
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    private sealed partial class ArticleRowJson : JsonSerializerContext;
}
