using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ArticleSite.Tests.Support;

/// <summary>The built site run as its own process, the way an operator starts it.</summary>
public sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Process process;

    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<string> errorLines = [];

    private readonly List<string> outputLines = [];

    /// <summary>The process's cache folder (<c>Cache:Path</c>): its own, never the user's, unless the test shares one between processes.</summary>
    private readonly string cacheFolder;

    /// <summary>Whether <see cref="cacheFolder"/> is this process's own, deleted with it.</summary>
    private readonly bool ownsCacheFolder;

    private SiteProcess(Process process, string? sharedCacheFolder)
    {
        this.process = process;
        ownsCacheFolder = sharedCacheFolder is null;
        cacheFolder = sharedCacheFolder ?? Directory.CreateTempSubdirectory("articlesite-cache-").FullName;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
                return;
            lock (outputLines) outputLines.Add(text);
            if (ListeningLine().Match(text) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                lock (errorLines) errorLines.Add(text);
        };
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // the output read to its end, so the reason is in the message
            lock (errorLines) lock (outputLines)
                listening.TrySetException(new InvalidOperationException(
                    $"the site exited before listening (exit code {process.ExitCode}):\n{string.Join('\n', outputLines.TakeLast(20).Concat(errorLines.TakeLast(20)))}"));
        };
    }

    /// <summary>Starts the site's built assembly from <paramref name="workingDirectory"/>, listening on a free port of 127.0.0.1.</summary>
    public static SiteProcess Start(string workingDirectory, params string[] arguments) => Launch(Dotnet(workingDirectory), arguments);

    /// <summary>Starts the site from the repository on <paramref name="contentFolder"/>, with any other settings as switches.</summary>
    public static SiteProcess StartOn(string contentFolder, params string[] settings) =>
        Start(RepositoryPaths.Root, ["--content", contentFolder, .. settings]);

    /// <summary>A client of the site once it listens.</summary>
    public async Task<HttpClient> ClientAsync() => new() { BaseAddress = await ListeningAsync() };

    /// <summary>Starts the site like <see cref="Start"/>, with <paramref name="cacheFolder"/> as its cache folder, which the test owns and other processes may share.</summary>
    public static SiteProcess StartSharingCache(string cacheFolder, string workingDirectory, params string[] arguments) =>
        Launch(Dotnet(workingDirectory), arguments, cacheFolder);

    private static ProcessStartInfo Dotnet(string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ArticleSite.dll"));
        return start;
    }

    /// <summary>Starts a published native executable (a Native AOT publish) the same way.</summary>
    public static SiteProcess StartExecutable(string executable, string workingDirectory, params string[] arguments) =>
        Launch(new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true }, arguments);

    private static SiteProcess Launch(ProcessStartInfo start, string[] arguments, string? sharedCacheFolder = null)
    {
        foreach (var argument in arguments.Concat(["--urls", "http://127.0.0.1:0"]))
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var site = new SiteProcess(process, sharedCacheFolder);
        start.Environment["Cache__Path"] = site.cacheFolder;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return site;
    }

    /// <summary>The address the site listens on, once it says so.</summary>
    public Task<Uri> ListeningAsync() => listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits for the process to end by itself and returns its exit code and what it wrote to standard error.</summary>
    public async Task<(int ExitCode, IReadOnlyList<string> ErrorLines)> ExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        process.WaitForExit(); // drains the redirected streams
        lock (errorLines) return (process.ExitCode, [.. errorLines]);
    }

    /// <summary>What the process has written to standard output so far, line by line (all of it once <see cref="ExitAsync"/> returned).</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (outputLines) return [.. outputLines];
        }
    }

    /// <summary>The most memory the process has had resident so far (VmHWM), in MiB.</summary>
    public double PeakResidentMiB()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").Single(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// The process's threads (id and name) that were running or waiting for a core at each of <paramref name="looks"/>
    /// looks spread over <paramref name="window"/>, as <c>/proc/PID/task/TID/stat</c> says: a thread stuck in a loop is
    /// at every look however busy the machine is, an idle or briefly busy one is not.
    /// </summary>
    public async Task<IReadOnlySet<string>> ThreadsRunningThroughoutAsync(TimeSpan window, int looks)
    {
        HashSet<string>? throughout = null;
        for (var look = 0; look < looks; look++)
        {
            var running = new HashSet<string>(StringComparer.Ordinal);
            foreach (var task in Directory.GetDirectories($"/proc/{process.Id}/task"))
            {
                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(task, "stat"));
                }
                catch (IOException)
                {
                    continue; // the thread ended between the listing and the read
                }
                // "TID (NAME) STATE …", the name in parentheses that may hold any character.
                var nameEnd = stat.LastIndexOf(')');
                if (stat[nameEnd + 2] == 'R')
                    running.Add(stat[..(nameEnd + 1)]);
            }
            throughout = throughout is null ? running : [.. throughout.Intersect(running)];
            await Task.Delay(window / looks);
        }
        return throughout!;
    }

    /// <summary>Whether the process has the shared library <paramref name="fileName"/> (e.g. <c>libvips.so.42</c>) mapped, as <c>/proc/PID/maps</c> lists it.</summary>
    public bool HasLoaded(string fileName) =>
        File.ReadLines($"/proc/{process.Id}/maps").Any(line => line.EndsWith("/" + fileName, StringComparison.Ordinal));

    /// <summary>Sends SIGTERM, as a service manager or container runtime does to stop the site.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("sh", ["-c", $"kill -TERM {process.Id}"]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        if (ownsCacheFolder)
            Directory.Delete(cacheFolder, recursive: true);
    }

    // The first address: with a metrics port, the site's own comes first; in JSON logs the URL ends at the quote.
    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
