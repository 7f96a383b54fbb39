using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ArticleSite.Loading;

/// <summary>
/// The SQLite file behind the article index of one content folder: the articles as last published, by path with the
/// size and time their file had, and the bytes each published version was read from, by its hash. Never the source of
/// truth nor of failure: rows made under another build or other content limits are dropped (the fingerprint), a database
/// of another schema or a corrupt one is made again (its folder too, when it was deleted), and a failure to read or write
/// it is reported once and costs only time: the site reads the files instead, and the next use tries again. Replicas of
/// one folder share the file safely (WAL, a busy timeout); of replicas of different builds or settings, the one started
/// last keeps it, and the others no longer write it.
/// </summary>
internal sealed partial class IndexDatabase
{
    /// <summary>The tables' layout: a database of another version is dropped and made again.</summary>
    private const int SchemaVersion = 6;

    /// <summary>
    /// How long reading the index at start-up waits for another process's write lock: the first answer never waits
    /// longer for it. Reading needs no lock (WAL); only a database still to be made or taken over does.
    /// </summary>
    public static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(2);

    /// <summary>How long a save, off the start-up and request paths, waits for another process's write lock.</summary>
    private static readonly TimeSpan SaveWait = TimeSpan.FromSeconds(30);

    private readonly string connectionString;
    private readonly string startupConnectionString;
    private readonly string fingerprint;
    private readonly ILogger logger;
    private readonly Lock preparing = new();

    /// <summary>Kept versions found damaged: read no more, and deleted off the request path.</summary>
    private readonly ConcurrentDictionary<UInt128, bool> damaged = new();

    private int remadeReported;
    private int takenOver;
    private int failing;
    private int changes;
    private bool preparedOnce;
    private volatile bool closed;
    private volatile bool ready;

    private IndexDatabase(string file, string fingerprint, ILogger logger)
    {
        File = file;
        this.fingerprint = fingerprint;
        this.logger = logger;
        connectionString = ConnectionString(file, SaveWait);
        startupConnectionString = ConnectionString(file, StartupWait);
    }

    private static string ConnectionString(string file, TimeSpan wait) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = (int)wait.TotalSeconds }.ToString();

    /// <summary>The database file: one per content folder, named by the hash of its full path.</summary>
    public string File { get; }

    /// <summary>
    /// Changes whenever the file may no longer hold what its writer last left in it: a failure, a database made again, a
    /// kept version dropped. Whoever keeps a copy of what the file holds reads it again when this has moved.
    /// </summary>
    public int Changes => Volatile.Read(ref changes);

    /// <summary>A replica of another build or other settings has taken the file over: this one no longer writes it.</summary>
    public bool TakenOver => Volatile.Read(ref takenOver) == 1;

    /// <summary>The index of <paramref name="contentFolder"/> in <paramref name="cacheFolder"/> (made on first use); null when nothing is kept on disk.</summary>
    public static IndexDatabase? Open(string? cacheFolder, string contentFolder, ContentLimits limits, RawHtml rawHtml, ILogger logger)
    {
        if (cacheFolder is null)
            return null;
        SQLitePCL.Batteries_V2.Init();
        var name = HashText(Article.HashOf(Encoding.UTF8.GetBytes(Path.GetFullPath(contentFolder))));
        return new IndexDatabase(Path.Combine(cacheFolder, $"{name}.db"), Fingerprint(limits, rawHtml), logger);
    }

    /// <summary>
    /// Everything that changes what a file parses to: this build of the site (the hash its build made of every file the
    /// site is built from, with the package, SDK and runtime versions: ArticleSite.csproj), the runtime it runs on, the
    /// content limits and the raw HTML setting.
    /// </summary>
    private static string Fingerprint(ContentLimits limits, RawHtml rawHtml) =>
        string.Join(';', BuildFingerprint, Environment.Version, rawHtml, limits.MaxFileBytes, limits.MaxRenderedBytes, limits.MaxNestingDepth,
            limits.MaxParagraphLength, limits.MaxBlocks, limits.MaxHeadings, limits.MaxLinkDefinitions, limits.FileTimeBudget.Ticks,
            limits.MaxFolderEntries, limits.MaxFolderDepth, limits.MaxMediaBytes, limits.MaxMediaPixels);

    /// <summary>Computed by the build (ArticleSite.csproj): hashing the 25 MB executable at every start took 7.8 ms of it (docs/benchmarks.md, Libraries loaded at start: libvips and SQLite).</summary>
    public static string BuildFingerprint { get; } =
        typeof(IndexDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(metadata => metadata.Key == "BuildFingerprint").Value!;

    /// <summary>
    /// What <paramref name="read"/> makes of each article row that it can read, waiting at most <see cref="StartupWait"/>
    /// for a lock; empty when there is none or the database cannot be used now.
    /// </summary>
    public List<T> ReadArticles<T>(Func<SqliteDataReader, T?> read) where T : class =>
        Use(atStartup: true, work: connection =>
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

    /// <summary>The stamp (its file in <paramref name="folder"/>) and version hash of every article row; null when the database cannot be used now.</summary>
    public Dictionary<string, (FileStamp Stamp, UInt128 Hash)>? ReadStamps(string folder) =>
        Use(connection =>
        {
            var stamps = new Dictionary<string, (FileStamp, UInt128)>(StringComparer.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Path, Size, LastWriteTicks, VersionHash FROM articles";
            using var reader = command.ExecuteReader();
            var hash = new byte[16];
            while (reader.Read())
            {
                if (reader.GetBytes(3, 0, hash, 0, hash.Length) == hash.Length)
                    stamps[reader.GetString(0)] = (ArticleRow.Stamp(folder, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)), BinaryPrimitives.ReadUInt128BigEndian(hash));
            }
            return stamps;
        });

    /// <summary>The hashes of every version whose bytes are kept; null when the database cannot be used now.</summary>
    public HashSet<UInt128>? ReadVersionHashes() =>
        Use(connection =>
        {
            var hashes = new HashSet<UInt128>();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash FROM versions";
            using var reader = command.ExecuteReader();
            var hash = new byte[16];
            while (reader.Read())
            {
                if (reader.GetBytes(0, 0, hash, 0, hash.Length) == hash.Length)
                    hashes.Add(BinaryPrimitives.ReadUInt128BigEndian(hash));
            }
            return hashes;
        });

    /// <summary>
    /// The bytes of the version published with <paramref name="hash"/>; null when they are not kept, cannot be read now,
    /// or are damaged (do not decompress, or are not <paramref name="isVersion"/>): a damaged version is logged once and
    /// dropped, so that it is neither read nor counted as kept again.
    /// </summary>
    /// <param name="path">The article's file, as the log names it.</param>
    public byte[]? ReadVersion(UInt128 hash, string path, Func<byte[], bool> isVersion)
    {
        if (damaged.ContainsKey(hash))
            return null;
        var compressed = Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT bytes FROM versions WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", ArticleRow.HashBytes(hash));
            return command.ExecuteScalar() as byte[];
        });
        if (compressed is null)
            return null;
        if (Decompress(compressed) is { } bytes && isVersion(bytes))
            return bytes;
        if (damaged.TryAdd(hash, true))
        {
            LogDamaged(File, path);
            // A write may wait for another process's lock: never on the request that found it.
            _ = Task.Run(() =>
            {
                Use(connection =>
                {
                    Each(connection, "DELETE FROM versions WHERE hash = $key", [ArticleRow.HashBytes(hash)]);
                    return true;
                });
                Interlocked.Increment(ref changes);
            });
        }
        return null;
    }

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

    /// <summary>Keeps the bytes of <paramref name="versions"/> (compressed) and lets those of <paramref name="gone"/> go, in one transaction; false when the database cannot be used.</summary>
    public bool WriteVersions(IReadOnlyList<(UInt128 Hash, byte[] Bytes)> versions, IReadOnlyCollection<UInt128> gone) =>
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!IsOwn(connection))
                return false;
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT OR REPLACE INTO versions(hash, bytes) VALUES ($hash, $bytes)";
                var (hash, bytes) = (insert.Parameters.Add("$hash", SqliteType.Blob), insert.Parameters.Add("$bytes", SqliteType.Blob));
                foreach (var version in versions)
                {
                    (hash.Value, bytes.Value) = (ArticleRow.HashBytes(version.Hash), Compress(version.Bytes));
                    insert.ExecuteNonQuery();
                }
            }
            Each(connection, "DELETE FROM versions WHERE hash = $key", gone.Select(ArticleRow.HashBytes).ToList());
            transaction.Commit();
            foreach (var version in versions)
                damaged.TryRemove(version.Hash, out _);
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
    public void Close() => closed = true;

    /// <summary>
    /// Runs <paramref name="work"/> on a new connection; null when the database cannot be used now. A failure is reported
    /// once (until a use succeeds again) and makes the next use start afresh: folder, file, tables.
    /// </summary>
    /// <param name="atStartup">Waits at most <see cref="StartupWait"/> for another process's lock.</param>
    private T? Use<T>(Func<SqliteConnection, T> work, bool atStartup = false)
    {
        if (closed)
            return default;
        try
        {
            T result;
            try
            {
                result = Attempt(work, atStartup);
            }
            catch (SqliteException corrupt) when (corrupt.SqliteErrorCode is NotADatabase or Corrupt)
            {
                // Made again from nothing: it only ever held what the content folder can give again.
                if (Interlocked.Exchange(ref remadeReported, 1) == 0)
                    LogUnusable(File, $"{corrupt.Message}; it is made again");
                ready = false;
                Interlocked.Increment(ref changes);
                DeleteFiles();
                result = Attempt(work, atStartup);
            }
            if (Interlocked.Exchange(ref failing, 0) == 1)
                LogUsableAgain(File);
            return result;
        }
        catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            ready = false;
            Interlocked.Increment(ref changes);
            if (Interlocked.Exchange(ref failing, 1) == 0)
                LogUnusable(File, $"{failure.Message}; the site reads the files instead and tries again later");
            return default;
        }
    }

    private T Attempt<T>(Func<SqliteConnection, T> work, bool atStartup)
    {
        if (!ready)
            Directory.CreateDirectory(Path.GetDirectoryName(File)!); // a cache folder deleted while the site runs is made again
        using var connection = new SqliteConnection(atStartup ? startupConnectionString : connectionString);
        connection.Open();
        var wait = atStartup ? StartupWait : SaveWait;
        Execute(connection, $"PRAGMA busy_timeout = {(long)wait.TotalMilliseconds}; PRAGMA synchronous = NORMAL");
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

    /// <summary>
    /// Makes the tables of this schema, and, at this process's first use, empties the articles when they were made by
    /// another build or configuration (a later use leaves a file another replica has taken over to it). A file already
    /// as it should be is only read: a restart under another process's write lock waits for nothing.
    /// </summary>
    private void Prepare(SqliteConnection connection)
    {
        if (IsPrepared(connection))
        {
            preparedOnce = true;
            return;
        }
        Execute(connection, "PRAGMA journal_mode = WAL");
        // One write transaction from the version read on: replicas starting at once on a new file would otherwise both
        // see no tables, and one would drop the tables (and rows) the other had just made, or fail to make them again.
        using var transaction = connection.BeginTransaction();
        if (Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture) != SchemaVersion)
        {
            Execute(connection, $"""
                DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS sources; DROP TABLE IF EXISTS versions;
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                {ArticleRow.CreateTable};
                CREATE TABLE versions(hash BLOB PRIMARY KEY, bytes BLOB NOT NULL);
                PRAGMA user_version = {SchemaVersion};
                """);
        }
        var owner = Scalar(connection, "SELECT value FROM meta WHERE key = 'fingerprint'") as string;
        if (owner != fingerprint && (owner is null || !preparedOnce))
        {
            Execute(connection, "DELETE FROM articles");
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ('fingerprint', $value)";
            write.Parameters.AddWithValue("$value", fingerprint);
            write.ExecuteNonQuery();
        }
        transaction.Commit();
        preparedOnce = true;
        Interlocked.Increment(ref changes);
    }

    /// <summary>True when the file is in WAL mode with this schema and this build's fingerprint: read without a write lock.</summary>
    private bool IsPrepared(SqliteConnection connection) =>
        Scalar(connection, "PRAGMA journal_mode") as string == "wal"
        && Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture) == SchemaVersion
        && Scalar(connection, "SELECT value FROM meta WHERE key = 'fingerprint'") as string == fingerprint;

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

    private static string HashText(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Deflate at its fastest: Markdown shrinks to about a third, and writing 100,000 versions stays short.</summary>
    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest))
            deflate.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The bytes kept; null when they are not valid Deflate.</summary>
    private static byte[]? Decompress(byte[] compressed)
    {
        try
        {
            using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private const int Corrupt = 11; // SQLITE_CORRUPT

    private const int NotADatabase = 26; // SQLITE_NOTADB

    [LoggerMessage(LogLevel.Warning, "The article index {File} was taken over by a replica of another build or other settings; this one no longer writes it")]
    private partial void LogTakenOver(string file);

    [LoggerMessage(LogLevel.Warning, "The article index {File} cannot be used: {Reason}")]
    private partial void LogUnusable(string file, string reason);

    [LoggerMessage(LogLevel.Information, "The article index {File} can be used again")]
    private partial void LogUsableAgain(string file);

    [LoggerMessage(LogLevel.Warning, "The article index {File} kept a damaged version of {Path}; it is dropped, and the article is rendered from its file or not at all")]
    private partial void LogDamaged(string file, string path);
}
