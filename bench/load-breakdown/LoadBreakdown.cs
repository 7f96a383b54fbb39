// Where loading time goes: writes N copies of the repository's article (default 10,000) to a temporary folder and
// times, on one thread, each stage of reading them (scan, read and decode, Markdown within the content budgets, bare
// Markdig, front matter, the whole parser), then the library's parallel read as start-up runs it; two rounds, the
// second warm; then what a periodic rescan of the unchanged folder costs (wall and CPU time, mean of 5). Run from the repository's root: dotnet run -c Release bench/load-breakdown/LoadBreakdown.cs [N]
#:project ../../src/ArticleSite/ArticleSite.csproj
using System.Diagnostics;
using ArticleSite.Loading;

var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var folder = Directory.CreateTempSubdirectory("articlesite-load-").FullName;
var template = File.ReadAllText("content/lee-xi-gyeongju-summit.md");
var body = template[(template.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];
for (var index = 0; index < count; index++)
{
    File.WriteAllText(Path.Combine(folder, $"article-{index}.md"),
        $"---\ntitle: \"Article {index}\"\nsummary: \"Summary {index}.\"\ndate: 2025-{index % 12 + 1:D2}-{index % 28 + 1:D2}\nslug: article-{index}\n---\n{body}");
}

var limits = new ContentLimits();
Console.WriteLine($"{count} articles, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine("| Round | Scan | Read and decode | Markdown within budgets | Bare Markdig | Front matter | Whole parser | Library read, parallel | Rescan, unchanged: wall / CPU |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (var round = 1; round <= 2; round++)
{
    var clock = Stopwatch.StartNew();
    double Lap()
    {
        var elapsed = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return elapsed;
    }

    var scan = ContentFolder.Scan(folder, limits);
    var scanned = Lap();
    var texts = scan.Articles.Select(entry => ArticleBytes.Decode(ArticleBytes.Read(entry.FullPath, entry.RelativePath, limits.MaxFileBytes), entry.RelativePath)).ToList();
    var read = Lap();
    foreach (var text in texts)
        MarkdownBudget.ParseWithin(text, "article.md", limits, RawHtml.Sanitize, long.MaxValue);
    var budgeted = Lap();
    foreach (var text in texts)
        ArticleMarkdown.Parse(text);
    var bare = Lap();
    foreach (var text in texts)
        FrontMatter.Split(text, "article.md");
    var frontMatter = Lap();
    foreach (var text in texts)
        ArticleParser.Parse(text, "article.md");
    var parser = Lap();
    using var library = new ContentLibrary(folder, limits, RawHtml.Sanitize, TimeSpan.Zero, TimeProvider.System);
    await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true);
    var libraryRead = Lap();
    const int Rescans = 5;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    for (var rescan = 0; rescan < Rescans; rescan++)
        await library.ReadAsync(FolderChanges.ListWholeFolder);
    var rescanWall = Lap() / Rescans;
    var rescanCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Rescans;
    Console.WriteLine($"| {round} | {scanned:F0} ms | {read:F0} ms | {budgeted:F0} ms | {bare:F0} ms | {frontMatter:F0} ms | {parser:F0} ms | {libraryRead:F0} ms | {rescanWall:F0} / {rescanCpu:F0} ms |");
}
Directory.Delete(folder, recursive: true);
