// What a reload costs in-process, without a server or a client: reads a folder of articles once (as start-up does), then
// times, as the mean of 5 rounds each, a periodic rescan of the unchanged folder (wall and CPU time), a reload of one
// edited article as the watcher names it (its date changed, so it moves in the lists), building the next snapshot from
// the previous one after that edit, and the translations that snapshot's first page asks for, found anew (as every
// snapshot did before it kept its predecessor's) and as the snapshot finds them; and, once, building a snapshot of every
// article from scratch. The folder is not changed: the edited article is written beside it, in a copy of the folder
// made of hard links (the original's files are never written). Run from the repository's root:
// dotnet run -c Release bench/edit-latency/ReloadCost.cs FOLDER
#:project ../../src/ArticleSite/ArticleSite.csproj
#:property PublishAot=false
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using Microsoft.Extensions.DependencyInjection;

const int Rounds = 5;
var source = Path.GetFullPath(args[0]);
var folder = Directory.CreateTempSubdirectory("articlesite-reload-").FullName;
Process.Start("cp", ["-al", source + "/.", folder]).WaitForExit();
var limits = new ContentLimits();
var process = Process.GetCurrentProcess();
using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
var metrics = new SiteMetrics(services.GetRequiredService<IMeterFactory>());

(double Wall, double Cpu) Measure(Action action)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    action();
    var wall = clock.Elapsed.TotalMilliseconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
}

string Show((double Wall, double Cpu) cost) => $"{cost.Wall:F1} ms wall, {cost.Cpu:F0} ms CPU";

(double, double) Mean(Func<int, (double Wall, double Cpu)> round)
{
    var costs = Enumerable.Range(0, Rounds).Select(round).ToList();
    return (costs.Average(cost => cost.Wall), costs.Average(cost => cost.Cpu));
}

Console.WriteLine($"{Directory.EnumerateFiles(folder).Count()} files in {source}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
using var library = new ContentLibrary(folder, limits, RawHtml.Sanitize, TimeSpan.Zero, TimeProvider.System);
LibraryRead read = null!;
Console.WriteLine($"Cold read: {Show(Measure(() => read = library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true).Result))}, {GC.CollectionCount(0)} gen0 GCs");

SiteSnapshot snapshot = null!;
Console.WriteLine($"Snapshot from scratch: {Show(Measure(() => snapshot = new SiteSnapshot(read.Reading.Articles) { Metrics = metrics }))}");
Console.WriteLine($"Rescan, unchanged (mean of {Rounds}): {Show(Mean(_ => Measure(() => library.ReadAsync(FolderChanges.ListWholeFolder).Wait())))}");

var edited = Path.Combine(folder, Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).First());
var original = File.ReadAllText(edited);
var snapshotCosts = new List<(double Wall, double Cpu)>();
var translationCosts = new List<(double Wall, double Cpu)>();
var freshTranslationCosts = new List<(double Wall, double Cpu)>();
snapshot.TranslationsOf(snapshot.Articles[0]); // the first page read, as the site's first request does
var reload = Mean(round =>
{
    // Written beside, then renamed into place: the hard link to the original file is replaced, not written through.
    File.WriteAllText(edited + ".tmp", Regex.Replace(original, "^date: .*$", $"date: 20{10 + round}-01-0{round + 1}", RegexOptions.Multiline) + $"\nEdit {round}.\n");
    File.Move(edited + ".tmp", edited, overwrite: true);
    var changes = new FolderChanges(new HashSet<string> { edited }, new HashSet<string> { edited }, WholeFolder: false);
    var cost = Measure(() => read = library.ReadAsync(changes).Result);
    if (!read.Changed)
        throw new InvalidOperationException("the edit was not read");
    snapshotCosts.Add(Measure(() => snapshot = new SiteSnapshot(read.Reading.Articles, previous: snapshot) { Metrics = metrics }));
    freshTranslationCosts.Add(Measure(() => new Translations(snapshot.Articles, snapshot.Identity.Language).Of(snapshot.Articles[0])));
    translationCosts.Add(Measure(() => snapshot.TranslationsOf(snapshot.Articles[0])));
    return cost;
});
Console.WriteLine($"Reload of one edited article (mean of {Rounds}): {Show(reload)}");
Console.WriteLine($"Next snapshot after each edit (mean of {Rounds}): {Show(Mean(round => snapshotCosts[round]))}");
Console.WriteLine($"Its translations found anew (mean of {Rounds}): {Show(Mean(round => freshTranslationCosts[round]))}");
Console.WriteLine($"Its translations as its first page finds them (mean of {Rounds}): {Show(Mean(round => translationCosts[round]))}");
Directory.Delete(folder, recursive: true);
