using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ArticleSite.Loading;

/// <summary>
/// The SQLite file behind the article index of one content folder: the articles as last published, by path with the
/// size and time their file had, and the bytes each published version was read from, by its hash. Never the source of
/// truth: rows made under another build or other content limits are dropped (the fingerprint), a database of another
/// schema or a corrupt one is made again, and one that cannot be used is reported once and left alone: the site then
/// reads every file, as it would without it. Replicas of one folder share the file safely (WAL, a busy timeout); of
/// replicas of different builds or settings, the one started last keeps it, and the others no longer write it.
/// </summary>
public sealed partial class IndexDatabase
{
    /// <summary>The tables' layout: a database of another version is dropped and made again.</summary>
    private const int SchemaVersion = 2;

    private readonly string connectionString;
    private readonly string fingerprint;
    private readonly ILogger logger;
    private readonly Lock preparing = new();
    private int reported;
    private int takenOver;
    private volatile bool unusable;
    private volatile bool ready;

    private IndexDatabase(string file, string fingerprint, ILogger logger)
    {
        File = file;
        this.fingerprint = fingerprint;
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file: one per content folder, named by the hash of its full path.</summary>
    public string File { get; }

    /// <summary>The index of <paramref name="contentFolder"/> in <paramref name="cacheFolder"/>; null when nothing is kept on disk.</summary>
    public static IndexDatabase? Open(string? cacheFolder, string contentFolder, ContentLimits limits, RawHtml rawHtml, ILogger logger)
    {
        if (cacheFolder is null)
            return null;
        SQLitePCL.Batteries_V2.Init();
        var name = HashText(Article.HashOf(Encoding.UTF8.GetBytes(Path.GetFullPath(contentFolder))));
        return new IndexDatabase(Path.Combine(cacheFolder, $"{name}.db"), Fingerprint(limits, rawHtml), logger);
    }

    /// <summary>
    /// Everything that changes what a file parses to: this build of the site (the hash of its program file, so that any
    /// change of the code, JIT or Native AOT, makes the rows stale), the content limits and the raw HTML setting.
    /// </summary>
    private static string Fingerprint(ContentLimits limits, RawHtml rawHtml)
    {
        var assembly = typeof(IndexDatabase).Assembly;
        var library = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.dll");
        var program = System.IO.File.Exists(library) ? library : Environment.ProcessPath; // Native AOT: the executable
        string build;
        try
        {
            using var file = System.IO.File.OpenRead(program!);
            var hash = new System.IO.Hashing.XxHash128();
            hash.Append(file);
            build = HashText(hash.GetCurrentHashAsUInt128());
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentNullException)
        {
            build = assembly.ManifestModule.ModuleVersionId.ToString();
        }
        return string.Join(';', build, rawHtml, limits.MaxFileBytes, limits.MaxRenderedBytes, limits.MaxNestingDepth,
            limits.MaxParagraphLength, limits.MaxBlocks, limits.MaxHeadings, limits.MaxLinkDefinitions, limits.FileTimeBudget.Ticks,
            limits.MaxFolderEntries, limits.MaxFolderDepth, limits.MaxMediaBytes, limits.MaxMediaPixels);
    }

    /// <summary>What <paramref name="read"/> makes of each article row that it can read; empty when there is none or the database cannot be used.</summary>
    public List<T> ReadArticles<T>(Func<SqliteDataReader, T?> read) where T : class =>
        Use(connection =>
        {
            var rows = new List<T>();
            using var transaction = connection.BeginTransaction(deferred: true);
            if (!IsOwn(connection))
                return rows;
            using var command = connection.CreateCommand();
            command.CommandText = ArticleRow.SelectAll;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (read(reader) is { } row)
                    rows.Add(row);
            }
            return rows;
        }) ?? [];

    /// <summary>The hashes of every version whose bytes are kept; empty when the database cannot be used.</summary>
    public HashSet<UInt128> ReadSourceHashes() =>
        Use(connection =>
        {
            var hashes = new HashSet<UInt128>();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash FROM sources";
            using var reader = command.ExecuteReader();
            var hash = new byte[16];
            while (reader.Read())
            {
                if (reader.GetBytes(0, 0, hash, 0, hash.Length) == hash.Length)
                    hashes.Add(BinaryPrimitives.ReadUInt128BigEndian(hash));
            }
            return hashes;
        }) ?? [];

    /// <summary>The bytes of the version published with <paramref name="hash"/>; null when they are not kept.</summary>
    public byte[]? ReadSource(UInt128 hash) =>
        Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT bytes FROM sources WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", ArticleRow.HashBytes(hash));
            return command.ExecuteScalar() is byte[] compressed ? Decompress(compressed) : null;
        });

    /// <summary>Writes the rows of <paramref name="upserts"/> and deletes those of <paramref name="deletes"/> in one transaction; false when the database cannot be used.</summary>
    public bool WriteArticles(IReadOnlyList<PublishedFile> upserts, IReadOnlyCollection<string> deletes) =>
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!IsOwn(connection))
                return false;
            using (var upsert = connection.CreateCommand())
            {
                upsert.CommandText = ArticleRow.Upsert;
                var parameters = ArticleRow.Parameters(upsert);
                foreach (var file in upserts)
                {
                    ArticleRow.Bind(parameters, file);
                    upsert.ExecuteNonQuery();
                }
            }
            Each(connection, "DELETE FROM articles WHERE Path = $key", deletes);
            transaction.Commit();
            return true;
        });

    /// <summary>Keeps the bytes of <paramref name="sources"/> (compressed) and lets those of <paramref name="gone"/> go, in one transaction; false when the database cannot be used.</summary>
    public bool WriteSources(IReadOnlyList<(UInt128 Hash, byte[] Bytes)> sources, IReadOnlyCollection<UInt128> gone) =>
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!IsOwn(connection))
                return false;
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT OR REPLACE INTO sources(hash, bytes) VALUES ($hash, $bytes)";
                var (hash, bytes) = (insert.Parameters.Add("$hash", SqliteType.Blob), insert.Parameters.Add("$bytes", SqliteType.Blob));
                foreach (var source in sources)
                {
                    (hash.Value, bytes.Value) = (ArticleRow.HashBytes(source.Hash), Compress(source.Bytes));
                    insert.ExecuteNonQuery();
                }
            }
            Each(connection, "DELETE FROM sources WHERE hash = $key", gone.Select(ArticleRow.HashBytes).ToList());
            transaction.Commit();
            return true;
        });

    /// <summary>
    /// Whether the file still holds the rows of this build and configuration, read in the caller's transaction: a replica
    /// of another build or other settings that started since has taken it over (emptied it and put its fingerprint in),
    /// and this one must then neither take the rows there nor write rows that the other would take.
    /// </summary>
    private bool IsOwn(SqliteConnection connection)
    {
        if (Scalar(connection, "SELECT value FROM meta WHERE key = 'fingerprint'") as string == fingerprint)
            return true;
        if (Interlocked.Exchange(ref takenOver, 1) == 0)
            LogTakenOver(File);
        return false;
    }

    private static void Each<T>(SqliteConnection connection, string sql, IReadOnlyCollection<T> keys)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var key = command.Parameters.Add("$key", typeof(T) == typeof(string) ? SqliteType.Text : SqliteType.Blob);
        foreach (var value in keys)
        {
            key.Value = value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Opens the file no more: the site is stopping, and its cache folder may be deleted next.</summary>
    public void Close() => unusable = true;

    /// <summary>Runs <paramref name="work"/> on a new connection; a database that cannot be used is reported once, and never used again.</summary>
    private T? Use<T>(Func<SqliteConnection, T> work)
    {
        if (unusable)
            return default;
        try
        {
            return Attempt(work);
        }
        catch (SqliteException corrupt) when (corrupt.SqliteErrorCode is NotADatabase or Corrupt && !ready)
        {
            // Made again from nothing: it only ever held what the content folder can give again.
            Report($"{corrupt.Message}; it is made again");
            try
            {
                DeleteFiles();
                return Attempt(work);
            }
            catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException)
            {
                Abandon(failure);
                return default;
            }
        }
        catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Abandon(failure);
            return default;
        }
    }

    private T Attempt<T>(Func<SqliteConnection, T> work)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL");
        if (!ready)
        {
            lock (preparing)
            {
                if (!ready)
                    Prepare(connection);
                ready = true;
            }
        }
        return work(connection);
    }

    private void Abandon(Exception failure)
    {
        unusable = true;
        Report($"{failure.Message}; the site reads every file instead");
    }

    /// <summary>Makes the tables of this schema, and empties the articles when they were made by another build or configuration.</summary>
    private void Prepare(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode = WAL");
        // One write transaction from the version read on: replicas starting at once on a new file would otherwise both
        // see no tables, and one would drop the tables (and rows) the other had just made, or fail to make them again.
        using var transaction = connection.BeginTransaction();
        if (Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture) != SchemaVersion)
        {
            Execute(connection, $"""
                DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS sources;
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                {ArticleRow.CreateTable};
                CREATE TABLE sources(hash BLOB PRIMARY KEY, bytes BLOB NOT NULL);
                PRAGMA user_version = {SchemaVersion};
                """);
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'fingerprint'";
        if (read.ExecuteScalar() as string != fingerprint)
        {
            Execute(connection, "DELETE FROM articles");
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ('fingerprint', $value)";
            write.Parameters.AddWithValue("$value", fingerprint);
            write.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void DeleteFiles()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            System.IO.File.Delete(File + suffix);
    }

    private void Report(string reason)
    {
        if (Interlocked.Exchange(ref reported, 1) == 0)
            LogUnusable(File, reason);
    }

    private static string HashText(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Deflate at its fastest: Markdown shrinks to about a third, and writing 100,000 versions stays short.</summary>
    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest))
            deflate.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private const int Corrupt = 11; // SQLITE_CORRUPT

    private const int NotADatabase = 26; // SQLITE_NOTADB

    [LoggerMessage(LogLevel.Warning, "The article index {File} was taken over by a replica of another build or other settings; this one no longer writes it")]
    private partial void LogTakenOver(string file);

    [LoggerMessage(LogLevel.Warning, "The article index {File} cannot be used: {Reason}")]
    private partial void LogUnusable(string file, string reason);
}
