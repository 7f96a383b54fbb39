using Microsoft.Data.Sqlite;

namespace ArticleSite.Tests.Support;

/// <summary>The article index's SQLite file, opened by a test beside the site: to read what it holds, or to make it hostile.</summary>
public static class IndexFile
{
    /// <summary>The one index file in the cache folder; null while the site has made none.</summary>
    public static string? In(string cachePath) =>
        Directory.Exists(Path.Combine(cachePath, "index")) && Directory.GetFiles(Path.Combine(cachePath, "index"), "*.db") is [var file] ? file : null;

    /// <summary>How many published versions' bytes the index in the cache folder holds; 0 before its tables are made.</summary>
    public static long KeptVersions(string cachePath)
    {
        if (In(cachePath) is not { } file)
            return 0;
        try
        {
            return (long)Scalar(file, "SELECT count(*) FROM versions")!;
        }
        catch (SqliteException)
        {
            return 0; // the tables are not made yet
        }
    }

    /// <summary>Runs one statement on the file, as another process would, and returns its first value.</summary>
    public static object? Scalar(string database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }

    /// <summary>What SQLite's own check says of the file: "ok" when it is a whole, valid database.</summary>
    public static string IntegrityOf(string database) => (string)Scalar(database, "PRAGMA integrity_check")!;

    /// <summary>A connection holding the database's write lock (an immediate transaction) until it is disposed, which rolls it back.</summary>
    public static SqliteConnection HoldWriteLock(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }
}
