using System.Diagnostics;
using System.Text;

namespace ArticleSite.Tests.Support;

/// <summary>
/// Files a careless or hostile writer can put in a content folder, generated on the spot (never a checked-in giant),
/// each with the exact problem /healthz must report for it.
/// </summary>
public static class HostileFiles
{
    /// <summary>Front matter of six lines, so an article's body starts on line 7.</summary>
    private const string FrontMatter = "---\ntitle: T\nsummary: S.\ndate: 2025-11-01\n---\n\n";

    public static TheoryData<string> Kinds => [.. Reasons.Keys];

    /// <summary>The file name each kind is written under, and the reason /healthz gives for it.</summary>
    public static IReadOnlyDictionary<string, (string Name, string Reason)> Reasons { get; } = new Dictionary<string, (string, string)>
    {
        ["named pipe"] = ("fifo.md", "is a named pipe (FIFO), not a regular file; not read"),
        ["link to /dev/zero"] = ("zero.md", "is a symbolic link; links inside the content folder are not followed"),
        ["link to a file outside the folder"] = ("outside.md", "is a symbolic link; links inside the content folder are not followed"),
        ["link to the folder itself"] = ("loopdir", "is a symbolic link; links inside the content folder are not followed"),
        ["folder named like an article"] = ("z.md", "is a folder named like an article file; what it holds is read as a folder's"),
        ["700 MB sparse file"] = ("huge.md", "is 700 MiB, over the limit of 4 MiB for one file (ContentLimits:MaxFileBytes); not read"),
        ["UTF-16 with a byte order mark"] = ("utf16.md", "is UTF-16 (little-endian, with a byte order mark); save it as UTF-8"),
        ["UTF-16 without a byte order mark"] = ("utf16-bare.md", "is apparently UTF-16 (little-endian, without a byte order mark); save it as UTF-8"),
        ["NUL bytes"] = ("binary.md", "line 7: holds a NUL byte at byte 52: not a text file"),
        ["reference links that render to a gigabyte"] = ("bomb.md", "would render to about 1050.1 MiB, over the limit of 8 MiB (ContentLimits:MaxRenderedBytes)"),
        ["3,000 nested list markers"] = ("deep-list.md", "line 7: nested about 3000 levels deep, over the limit of 32 (ContentLimits:MaxNestingDepth)"),
        ["40 nested lists, indented"] = ("indented-list.md", "line 23: nested more than 32 levels deep (ContentLimits:MaxNestingDepth)"),
        ["100,000 quotation marks"] = ("deep-quote.md", "line 7: nested about 100000 levels deep, over the limit of 32 (ContentLimits:MaxNestingDepth)"),
        ["20,000 open brackets"] = ("brackets.md", "cannot be parsed as Markdown: Markdown elements in the input are too deeply nested - depth limit exceeded. Input is most likely not sensible or is a very large table."),
        ["a paragraph of 200,000 unclosed links"] = ("links.md", "line 7: a paragraph of 800,000 characters, over the limit of 32,768 (ContentLimits:MaxParagraphLength)"),
        ["YAML aliases of aliases used as a key"] = ("aliases.md", "line 8: front matter holds more than 10,000 values once its aliases are expanded"),
        ["30,000 identical headings"] = ("headings.md", "line 2007: more than 1,000 headings (ContentLimits:MaxHeadings)"),
        ["100,000 link reference definitions"] = ("definitions.md", "line 1009: more than 1,000 link reference definitions (ContentLimits:MaxLinkDefinitions)"),
        ["a name in Latin-1, not UTF-8"] = (@"caf\xE9.md", @"has a name that is not valid UTF-8 (each such byte shown as \xNN); not read: rename it in UTF-8"),
        ["the year 0000"] = ("year-zero.md", "front matter 'date' is '0000-01-01', expected a year from 0001 to 9999"),
        ["a date past 9999 once its offset is applied"] = ("past-9999.md",
            "front matter 'date' is '9999-12-31T23:00:00-05:00', expected a moment from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z once its offset is applied"),
    };

    /// <summary>Writes the kind's file into <paramref name="folder"/>.</summary>
    public static void Write(string folder, string kind)
    {
        var path = Path.Combine(folder, Reasons[kind].Name);
        switch (kind)
        {
            case "named pipe":
                using (var mkfifo = Process.Start("mkfifo", [path]))
                    mkfifo.WaitForExit();
                break;
            case "link to /dev/zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "link to a file outside the folder":
                var outside = Path.Combine(Path.GetTempPath(), $"articlesite-outside-{Guid.NewGuid():N}.md");
                File.WriteAllText(outside, FrontMatter + "Outside the folder.\n");
                File.CreateSymbolicLink(path, outside);
                break;
            case "link to the folder itself":
                Directory.CreateSymbolicLink(path, ".");
                break;
            case "folder named like an article":
                Directory.CreateDirectory(path);
                break;
            case "700 MB sparse file":
                using (var sparse = File.Create(path))
                    sparse.SetLength(700L * 1024 * 1024);
                break;
            case "UTF-16 with a byte order mark":
                File.WriteAllText(path, FrontMatter + "Body.\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
                break;
            case "UTF-16 without a byte order mark":
                File.WriteAllText(path, FrontMatter + "Body.\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: false));
                break;
            case "NUL bytes":
                File.WriteAllText(path, FrontMatter + "Body \0 with a NUL.\n");
                break;
            case "reference links that render to a gigabyte":
                // One reference to a 1.1-million-character URL, used a thousand times: 1 MB that renders to a gigabyte.
                File.WriteAllText(path, "---\ntitle: T\nsummary: S.\ndate: 2025-11-01\nlead: true\n---\n\n"
                    + string.Concat(Enumerable.Repeat("[x] ", 1000)) + "\n\n[x]: http://e.com/" + new string('a', 1_100_000) + "\n");
                break;
            case "3,000 nested list markers":
                File.WriteAllText(path, FrontMatter + string.Concat(Enumerable.Repeat("- ", 3000)) + "x\n");
                break;
            case "40 nested lists, indented":
                File.WriteAllText(path, FrontMatter + string.Concat(Enumerable.Range(0, 40).Select(level => new string(' ', 2 * level) + "- x\n")));
                break;
            case "100,000 quotation marks":
                File.WriteAllText(path, FrontMatter + new string('>', 100_000) + " x\n");
                break;
            case "20,000 open brackets":
                File.WriteAllText(path, FrontMatter + new string('[', 20_000) + " x\n");
                break;
            case "a paragraph of 200,000 unclosed links":
                File.WriteAllText(path, FrontMatter + string.Concat(Enumerable.Repeat("[a](", 200_000)) + "\n");
                break;
            case "YAML aliases of aliases used as a key":
                // 577 bytes: a0 lists ten values, each later anchor ten aliases of the one before (a3 is the first over
                // 10,000 values), and a8 is used as a key; parsed naively this took minutes.
                File.WriteAllLines(path, [
                    "---", "title: T", "summary: S.", "date: 2025-11-01", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]",
                    .. Enumerable.Range(1, 8).Select(level => $"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]"),
                    "? *a8", ": boom", "---", "", "Body."]);
                break;
            case "30,000 identical headings":
                File.WriteAllText(path, FrontMatter + string.Concat(Enumerable.Repeat("## S\n\n", 30_000)) + "Body.\n");
                break;
            case "100,000 link reference definitions":
                File.WriteAllText(path, FrontMatter + "Body.\n\n" + string.Concat(Enumerable.Range(0, 100_000).Select(index => $"[d{index}]: http://e.com/{index}\n")));
                break;
            case "a name in Latin-1, not UTF-8":
                TemporaryContentFolder.WriteUnderByteName(folder, @"caf\351.md", FrontMatter + "Body.\n");
                break;
            case "the year 0000":
                File.WriteAllText(path, FrontMatter.Replace("2025-11-01", "0000-01-01", StringComparison.Ordinal) + "Body.\n");
                break;
            case "a date past 9999 once its offset is applied":
                File.WriteAllText(path, FrontMatter.Replace("2025-11-01", "9999-12-31T23:00:00-05:00", StringComparison.Ordinal) + "Body.\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of hostile file");
        }
    }
}
