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

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
