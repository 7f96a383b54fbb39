namespace ArticleSite.Tests.Support;

/// <summary>A content folder of its own for one test, deleted afterwards.</summary>
public sealed class TemporaryContentFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("articlesite-content-").FullName;

    public string Write(string fileName, string text)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, text);
        return file;
    }

    public string WriteBytes(string fileName, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <summary>An article file: front matter with the given fields, then the body.</summary>
    public static string Article(string title, string date, string body, string? moreFrontMatter = null) =>
        $"---\ntitle: {title}\nsummary: Summary of {title}.\ndate: {date}\n{moreFrontMatter}---\n\n{body}\n";

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
