using System.Diagnostics;

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

    /// <summary>
    /// Writes a file whose name is given as printf(1) spells bytes (<c>caf\351.md</c>): .NET can make no name that is
    /// not UTF-8, the shell can.
    /// </summary>
    public static void WriteUnderByteName(string folder, string printfName, string text)
    {
        using var shell = Process.Start("/bin/sh", ["-c", "printf '%s' \"$2\" > \"$1/$(printf \"$3\")\"", "sh", folder, text, printfName])!;
        shell.WaitForExit();
        Assert.Equal(0, shell.ExitCode);
    }

    public void Dispose()
    {
        if (!Directory.Exists(Path))
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A name that is not UTF-8 cannot be deleted through .NET: it decodes the name with U+FFFD in it.
            using var remove = Process.Start("rm", ["-rf", Path])!;
            remove.WaitForExit();
        }
    }
}
