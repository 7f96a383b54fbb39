// Edit to served: for N articles (default 1, 1000 and 100,000) in a temporary folder, saves one of them EDITS times (default 20)
// each way an editor saves (written in place, and written beside it then renamed into place) and measures the time
// from the save to the first response on its /articles/{slug}.txt with the new text, asking again as soon as an answer
// comes (one kept-alive connection, a request every ~0.2 ms). Beside it, in the same run, the floor no server could
// beat: what the site waits on purpose (Content:SettleTime for a file written in place, which may still be being
// written; Content:Debounce for a rename) plus one request.
// With BURSTS=K (default 0), also K bursts each way: a save every 100 ms for 10 s, then the time from the last save to
// its text served (the floor is the same).
// Uses the Release build, or the executable named by ARTICLESITE (e.g. a Native AOT publish).
// Run from the repository's root, after a Release build: bench/edit-latency/run [N...] does both.
using System.Diagnostics;
using System.Globalization;

const int Port = 5197;
var debounce = TimeSpan.FromMilliseconds(100);
var settleTime = TimeSpan.FromMilliseconds(500);
var counts = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1, 1000, 100_000];
var edits = int.Parse(Environment.GetEnvironmentVariable("EDITS") ?? "20", CultureInfo.InvariantCulture);
var bursts = int.Parse(Environment.GetEnvironmentVariable("BURSTS") ?? "0", CultureInfo.InvariantCulture);
var template = File.ReadAllText("content/lee-xi-gyeongju-summit.md");
var body = template[(template.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];

using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
Console.WriteLine($"Load average at start: {LoadAverage()}");
Console.WriteLine("| Articles | Saved | Edits | Edit to served, median (ms) | p90 (ms) | max (ms) | Floor: wait on purpose + one request (ms) | Load average |");
Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var count in counts)
{
    var folder = Directory.CreateTempSubdirectory("articlesite-edit-").FullName;
    for (var i = 0; i < count; i++)
        File.WriteAllText(Path.Combine(folder, $"article-{i}.md"), Article(i, count, "Original closing line."));

    // A cache folder of its own, as a fresh replica has: the user's would keep an index of every folder benchmarked.
    var cache = Directory.CreateTempSubdirectory("articlesite-edit-cache-").FullName;
    using var site = StartSite(folder, cache);
    const string url = "/articles/article-0.txt";
    while (!await AnswersAsync(url))
        Thread.Sleep(10);

    var request = Median(Enumerable.Range(0, 200).Select(_ => Time(() => client.GetStringAsync(url).Wait())));
    foreach (var renamed in new[] { false, true })
    {
        var latencies = new List<double>();
        for (var edit = 1; edit <= edits; edit++)
        {
            var sentence = $"Edit number {edit}{(renamed ? " (renamed)" : "")}.";
            var clock = Stopwatch.StartNew();
            Save(Path.Combine(folder, "article-0.md"), Article(0, count, sentence), renamed);
            while (!(await client.GetStringAsync(url)).Contains(sentence, StringComparison.Ordinal))
                if (clock.Elapsed > TimeSpan.FromSeconds(10))
                    throw new TimeoutException($"edit {edit} was not served within 10 s");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            // Past the settle time, so each edit is a change of its own rather than part of the last one's burst.
            Thread.Sleep(settleTime * 2);
        }

        Report(count, renamed ? "renamed into place" : "in place", latencies, (renamed ? debounce : settleTime).TotalMilliseconds + request);
    }
    foreach (var renamed in bursts > 0 ? new[] { false, true } : [])
    {
        var latencies = new List<double>();
        for (var burst = 1; burst <= bursts; burst++)
        {
            var sentence = "";
            for (var save = 1; save <= 100; save++)
            {
                sentence = $"Burst {burst}, save {save}{(renamed ? " (renamed)" : "")}.";
                Save(Path.Combine(folder, "article-0.md"), Article(0, count, sentence), renamed);
                Thread.Sleep(100);
            }
            var clock = Stopwatch.StartNew();
            while (!(await client.GetStringAsync(url)).Contains(sentence, StringComparison.Ordinal))
                if (clock.Elapsed > TimeSpan.FromSeconds(10))
                    throw new TimeoutException($"burst {burst}'s last save was not served within 10 s");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Thread.Sleep(settleTime * 2);
        }
        Report(count, $"every 100 ms for 10 s, {(renamed ? "renamed into place" : "in place")}: last save", latencies, (renamed ? debounce : settleTime).TotalMilliseconds + request);
    }
    site.Kill();
    site.WaitForExit();
    Directory.Delete(folder, recursive: true);
    Directory.Delete(cache, recursive: true);
}

static void Report(int count, string saved, List<double> latencies, double floor)
{
    latencies.Sort();
    Console.WriteLine($"| {count} | {saved} | {latencies.Count} | {Median(latencies):F0} | {latencies[(int)Math.Ceiling(latencies.Count * 0.9) - 1]:F0} | {latencies[^1]:F0} | {floor:F1} | {LoadAverage().Split(' ')[0]} |");
}

static void Save(string path, string text, bool renamed)
{
    if (!renamed)
    {
        File.WriteAllText(path, text);
        return;
    }
    var beside = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
    File.WriteAllText(beside, text);
    File.Move(beside, path, overwrite: true);
}

string Article(int index, int count, string closing) =>
    $"---\ntitle: \"Article {index} of {count}\"\nsummary: \"Generated article number {index} for the edit benchmark.\"\n" +
    $"date: 2025-{index % 12 + 1:D2}-{index % 28 + 1:D2}\nslug: article-{index}\n---\n{body}\n{closing}\n";

Process StartSite(string folder, string cache)
{
    var executable = Environment.GetEnvironmentVariable("ARTICLESITE");
    var start = executable is null
        ? new ProcessStartInfo("dotnet", ["artifacts/bin/ArticleSite/release/ArticleSite.dll"])
        : new ProcessStartInfo(executable);
    foreach (var argument in new[] { "--content", folder, "--urls", $"http://127.0.0.1:{Port}", "--Content:Debounce", debounce.ToString(), "--Content:SettleTime", settleTime.ToString(), "--Cache:Path", cache })
        start.ArgumentList.Add(argument);
    start.RedirectStandardOutput = start.RedirectStandardError = true;
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

async Task<bool> AnswersAsync(string url)
{
    try { return (await client.GetAsync(url)).IsSuccessStatusCode; }
    catch (HttpRequestException) { return false; }
}

static double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[(sorted.Length - 1) / 2];
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
