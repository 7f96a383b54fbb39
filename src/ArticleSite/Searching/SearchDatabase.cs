using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ArticleSite.Searching;

/// <summary>
/// The SQLite file of the search index: an FTS5 table of each published article's headline, summary, byline and tags,
/// and body, in <see cref="SearchText"/>'s stored form, beside a table naming each row's article and the hash of the
/// version indexed. It lives in the cache folder, beside the article index, or in memory where the site keeps nothing
/// on disk. A cache like the article index: a file of another schema, or a damaged one, is made again from the content.
/// </summary>
internal sealed class SearchDatabase : IDisposable
{
    /// <summary>The tables' layout and the stored form of their text: a file of another version is made again.</summary>
    private const int SchemaVersion = 2;

    /// <summary>
    /// unicode61 splits on what is not a letter, digit or mark (marks kept inside words: Hindi's vowel signs), folds case
    /// and drops Latin accents: "sao" finds "São", "ECONOMIE" finds "économie".
    /// </summary>
    private const string Tokenizer = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'";

    /// <summary>
    /// The columns ranked matches are tiered by: those whose headline holds every word come first, then those whose
    /// headline, summary, byline and tags hold every word between them, then those that need the body for some word;
    /// newest first within each tier. BM25 would take each word's weight from a pass over all of its matches before
    /// scoring the first row: at 100,000 articles that pass cost more than the whole search may. These column filters
    /// read only the rows between the newest ranked match and the oldest.
    /// </summary>
    private static readonly string[] Tiers = ["headline summary about", "headline"];

    /// <summary>
    /// Prefixes of two, three and four characters indexed as terms of their own: a last word typed so far ("ka") is read
    /// from one list instead of merging the lists of every word it begins.
    /// </summary>
    private const string Prefixes = "2 3 4";

    /// <summary>
    /// The index's terms, each once (FTS5's vocabulary table, read from the index itself): what a last word longer than
    /// the indexed prefixes begins is looked up in it.
    /// </summary>
    private const string Vocabulary = "CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5vocab(words, row)";

    /// <summary>
    /// A last word of plain ASCII letters and digits (which the tokenizer keeps as they are), longer than the indexed
    /// prefixes, that begins at most this many terms is searched as those terms (<c>"stata"*</c> as
    /// <c>("stata" OR "statari" OR …)</c>): FTS5 makes a prefix's list by reading every match of every term it begins,
    /// in each statement of a search, where the terms' own lists are read newest first and only as far as needed.
    /// </summary>
    private const int MostTermsOfAPrefix = 64;

    /// <summary>The longest prefix indexed as a term of its own (<see cref="Prefixes"/>).</summary>
    private const int LongestIndexedPrefix = 4;

    /// <summary>Results counted exactly; past this, the page says "more than".</summary>
    public const int MaxCounted = 1000;

    /// <summary>
    /// Matches ranked by relevance in one search: the newest this many (rows are numbered by date); older ones follow
    /// them newest first. Tiering a row reads its positions in each column: a common word's thousands of matches would
    /// cost tens of milliseconds, these two hundred about one.
    /// </summary>
    public const int Ranked = 200;

    /// <summary>
    /// Pages of FTS5's segments merged after each transaction, once searches see it (<see cref="Tidy"/>): about 4 MB,
    /// tens of milliseconds; FTS5's own merging (automerge) is off, as it ran inside the commit of whichever edit came
    /// when its turn did, and a checkpoint of the write-ahead log after it, with its writes to the file.
    /// </summary>
    private const int MergedPages = 1000;

    /// <summary>Tokens around the matched words in a snippet: about two lines.</summary>
    private const int SnippetTokens = 28;

    private const int Interrupted = 9; // SQLITE_INTERRUPT, what a progress handler's non-zero answer ends a statement with

    /// <summary>Steps of SQLite's machine between two looks at a search's budget: each look is a call into .NET and a clock read, about 1 % of the steps' time.</summary>
    private const int ProgressSteps = 1000;

    private readonly string readerConnection;
    private readonly SqliteConnection writer;

    private SearchDatabase(string file, bool inMemory)
    {
        File = file;
        var builder = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = true };
        if (inMemory)
        {
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        writer = new SqliteConnection(builder.ToString());
        writer.Open();
        if (!inMemory)
            builder.Mode = SqliteOpenMode.ReadOnly;
        readerConnection = builder.ToString();
        Prepare(inMemory);
    }

    /// <summary>The file, or the name of the database in memory.</summary>
    public string File { get; }

    /// <summary>The index of one content folder: a file in <paramref name="folder"/> (made as needed), or in memory without one.</summary>
    public static SearchDatabase Open(string? folder, string name)
    {
        SQLitePCL.Batteries_V2.Init();
        if (folder is null)
            return new SearchDatabase($"articlesite-search-{Guid.NewGuid():N}", inMemory: true);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.db");
        try
        {
            return new SearchDatabase(file, inMemory: false);
        }
        catch (SqliteException damaged) when (damaged.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                System.IO.File.Delete(file + suffix);
            return new SearchDatabase(file, inMemory: false);
        }
    }

    private void Prepare(bool inMemory)
    {
        if (!inMemory)
            Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0");
        // Read under the write lock: a replica sharing the folder may be making the tables at this moment.
        Execute("BEGIN IMMEDIATE");
        if (Convert.ToInt64(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture) == SchemaVersion)
        {
            Execute($"INSERT INTO words(words, rank) VALUES ('automerge', 0); {Vocabulary}; COMMIT");
            return;
        }
        Execute($"""
            DROP TABLE IF EXISTS terms;
            DROP TABLE IF EXISTS words;
            DROP TABLE IF EXISTS documents;
            CREATE TABLE documents(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, hash BLOB NOT NULL, published INTEGER NOT NULL);
            CREATE VIRTUAL TABLE words USING fts5(headline, summary, about, body, tokenize = "{Tokenizer}", prefix = '{Prefixes}');
            INSERT INTO words(words, rank) VALUES ('automerge', 0);
            {Vocabulary};
            PRAGMA user_version = {SchemaVersion};
            COMMIT;
            """);
    }

    /// <summary>Every indexed article's slug, with the hash of the version indexed.</summary>
    public Dictionary<string, UInt128> ReadIndexed()
    {
        var indexed = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        using var command = writer.CreateCommand();
        command.CommandText = "SELECT slug, hash FROM documents";
        using var reader = command.ExecuteReader();
        var hash = new byte[16];
        while (reader.Read())
        {
            if (reader.GetBytes(1, 0, hash, 0, hash.Length) == hash.Length)
                indexed[reader.GetString(0)] = BinaryPrimitives.ReadUInt128BigEndian(hash);
        }
        return indexed;
    }

    /// <summary>A write transaction: rows removed and added in it are seen by searches once it commits.</summary>
    public SqliteTransaction Begin() => writer.BeginTransaction();

    /// <summary>Takes out the row of the article published under <paramref name="slug"/>, if it has one.</summary>
    public void Remove(string slug)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM words WHERE rowid IN (SELECT id FROM documents WHERE slug = $slug); DELETE FROM documents WHERE slug = $slug";
        command.Parameters.AddWithValue("$slug", slug);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The upkeep a write leaves, done once searches see the write: a bounded step of merging FTS5's segments (an edit's
    /// commit never waits for a big merge), and a checkpoint that copies the write-ahead log into the file as far as
    /// searches reading allow (it never waits for them).
    /// </summary>
    public void Tidy() => Execute($"INSERT INTO words(words, rank) VALUES ('merge', {MergedPages}); PRAGMA wal_checkpoint(PASSIVE)");

    /// <summary>
    /// Adds an article's texts, already in their stored form, in place of any row of its slug (a replica sharing the
    /// folder may have indexed it since this one read the index). Rows are numbered by the instant
    /// published, in ticks (the next free one for an instant already taken), so the newest matches come first in row
    /// order: the ones a search ranks when there are too many to rank them all.
    /// </summary>
    public void Add(string slug, UInt128 hash, DateTimeOffset published, string headline, string summary, string about, string body)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        using var command = writer.CreateCommand();
        command.CommandText = """
            DELETE FROM words WHERE rowid IN (SELECT id FROM documents WHERE slug = $slug);
            DELETE FROM documents WHERE slug = $slug;
            INSERT INTO documents(id, slug, hash, published)
            VALUES (coalesce((SELECT max(id) + 1 FROM documents WHERE id >= $published AND id < $published + 10000000), $published), $slug, $hash, $published);
            INSERT INTO words(rowid, headline, summary, about, body) VALUES (last_insert_rowid(), $headline, $summary, $about, $body);
            """;
        command.Parameters.AddWithValue("$slug", slug);
        command.Parameters.AddWithValue("$hash", bytes);
        command.Parameters.AddWithValue("$published", published.UtcTicks);
        command.Parameters.AddWithValue("$headline", headline);
        command.Parameters.AddWithValue("$summary", summary);
        command.Parameters.AddWithValue("$about", about);
        command.Parameters.AddWithValue("$body", body);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One page of the articles matching <paramref name="query"/>, best first (newest first among equal scores), with the
    /// count up to <see cref="MaxCounted"/>; null when the search took longer than <paramref name="budget"/>, and was
    /// stopped. Of more than <see cref="Ranked"/> matches, the newest <see cref="Ranked"/> are ranked, and the older
    /// ones follow them, newest first.
    /// </summary>
    public SearchHits? Search(SearchQuery query, int offset, int limit, TimeSpan budget)
    {
        using var connection = new SqliteConnection(readerConnection);
        connection.Open();
        // Asked every ProgressSteps steps of SQLite's machine whether the budget is spent, on the searching thread itself:
        // a search past it stops at its next check, whatever the clock does meanwhile, and no timer outlives it.
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, ProgressSteps, static state => Stopwatch.GetTimestamp() > (long)state ? 1 : 0, deadline);
        try
        {
            // One snapshot of the index for every statement of the search.
            using var reading = connection.BeginTransaction(deferred: true);
            var match = Expression(connection, query);
            var found = Find(connection, match);
            var shown = found.Skip(offset).Take(limit).ToList();
            var marked = Mark(connection, match, shown);
            var hits = shown.Where(marked.ContainsKey).Select(id => marked[id]).ToList();
            return new SearchHits(Math.Min(found.Count, MaxCounted), found.Count > MaxCounted, hits);
        }
        catch (SqliteException slow) when (slow.SqliteErrorCode == Interrupted)
        {
            return null;
        }
        finally
        {
            // Taken off before the connection goes back to the pool: the next search sets its own.
            SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 0, null, null);
        }
    }

    /// <summary>The FTS5 expression searched for <paramref name="query"/>: its last word as the terms it begins, where <see cref="MostTermsOfAPrefix"/> says.</summary>
    private static string Expression(SqliteConnection connection, SearchQuery query)
    {
        var last = query.Terms[^1];
        var prefix = last.StartsWith('"') && last.EndsWith("\"*", StringComparison.Ordinal) ? last[1..^2] : "";
        if (prefix.Length <= LongestIndexedPrefix || !prefix.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character)))
            return query.Expression;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT term FROM terms WHERE term >= $prefix AND term < $after LIMIT {MostTermsOfAPrefix + 1}";
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$after", prefix[..^1] + (char)(prefix[^1] + 1));
        using var reader = command.ExecuteReader();
        var terms = new List<string>();
        while (reader.Read())
            terms.Add($"\"{reader.GetString(0).Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        if (terms.Count is 0 or > MostTermsOfAPrefix)
            return query.Expression;
        // FTS5 joins a phrase to a group in brackets with an explicit AND only.
        return string.Join(" AND ", query.Terms.SkipLast(1).Append($"({string.Join(" OR ", terms)})"));
    }

    /// <summary>
    /// The rows of the matches in the order shown, up to one past <see cref="MaxCounted"/>: the newest
    /// <see cref="Ranked"/> by <see cref="Tiers"/>, then the older ones newest first. FTS5 reads the matches in row
    /// order, newest first, and stops at the limit; only the ranked ones are tiered, each tier narrowing the next.
    /// </summary>
    private static List<long> Find(SqliteConnection connection, string match)
    {
        var newest = Rows(connection, $"SELECT rowid FROM words WHERE words MATCH $match ORDER BY rowid DESC LIMIT {MaxCounted + 1}", match);
        if (newest.Count <= 1)
            return newest;
        var ranked = newest.Take(Ranked).ToList();
        var better = new List<HashSet<long>>();
        var within = ranked;
        foreach (var columns in Tiers)
        {
            if (within.Count == 0)
                break;
            within = Rows(connection, "SELECT rowid FROM words WHERE words MATCH $match AND rowid BETWEEN $first AND $last",
                $"{{{columns}}} : ({match})", (within.Min(), within.Max()));
            better.Add([.. within]);
        }
        // Stable: newest first within a tier, as the rows came.
        var ordered = ranked.OrderByDescending(row => better.Count(tier => tier.Contains(row))).ToList();
        ordered.AddRange(newest.Skip(ordered.Count));
        return ordered;
    }

    private static List<long> Rows(SqliteConnection connection, string sql, string match, (long First, long Last)? between = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        if (between is { } range)
        {
            command.Parameters.AddWithValue("$first", range.First);
            command.Parameters.AddWithValue("$last", range.Last);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
            rows.Add(reader.GetInt64(0));
        return rows;
    }

    /// <summary>
    /// The hits of the rows shown, their summary and body snippet with the matched words marked: made for them alone, in
    /// one pass over the matches between the first and the last of them (the rows themselves a filter FTS5 is not
    /// given, which would look the query's terms up again for each).
    /// </summary>
    private static Dictionary<long, SearchHit> Mark(SqliteConnection connection, string match, List<long> shown)
    {
        var marked = new Dictionary<long, SearchHit>();
        if (shown.Count == 0)
            return marked;
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT words.rowid, d.slug, highlight(words, 1, char(2), char(3)), snippet(words, 3, char(2), char(3), '…', {SnippetTokens})
            FROM words JOIN documents d ON d.id = words.rowid
            WHERE words MATCH $match AND words.rowid BETWEEN $first AND $last
              AND +words.rowid IN (SELECT value FROM json_each($shown))
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$first", shown.Min());
        command.Parameters.AddWithValue("$last", shown.Max());
        command.Parameters.AddWithValue("$shown", $"[{string.Join(',', shown.Select(id => id.ToString(CultureInfo.InvariantCulture)))}]");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            marked[reader.GetInt64(0)] = new SearchHit(reader.GetString(1), reader.GetString(2), reader.GetString(3));
        return marked;
    }

    private void Execute(string sql)
    {
        using var command = writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = writer.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        // Both pools let go of the file: a stopped site leaves no handle on it (the tests start hundreds of sites in one process).
        SqliteConnection.ClearPool(writer);
        writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(readerConnection));
    }
}

/// <summary>A matching article by slug, with its summary and a snippet of its body in stored form, matched words between marks.</summary>
internal sealed record SearchHit(string Slug, string Summary, string Snippet);

/// <summary>One page of hits, and how many there are in all (at most <see cref="SearchDatabase.MaxCounted"/>, <paramref name="More"/> past it).</summary>
internal sealed record SearchHits(int Count, bool More, IReadOnlyList<SearchHit> Hits);
