using ArticleSite.Loading;
using ArticleSite.Rendering;

namespace ArticleSite.Checking;

/// <summary>
/// <c>check [DIR] [--format json]</c> on the command line: read a content folder exactly as the server would (the same
/// scan, limits and parser) and report every file that cannot be published, for a content repository's CI. Without
/// DIR, the folder the server would publish (<c>Content:Path</c>, <c>--content</c>).
/// </summary>
internal sealed record CheckCommand(string? Directory, bool Json)
{
    public const string Verb = "check";

    public const string Usage = "usage: check [DIR] [--format text|json]";

    /// <summary>The command, or null when the arguments do not start with <c>check</c>; the arguments left for the configuration.</summary>
    /// <exception cref="ArgumentException">An unknown format, or a second folder.</exception>
    public static (CheckCommand? Command, string[] HostArguments) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != Verb)
            return (null, args);

        var rest = args[1..].ToList();
        var json = false;
        var at = rest.IndexOf("--format");
        if (at >= 0)
        {
            json = at + 1 < rest.Count ? rest[at + 1] switch
            {
                "json" => true,
                "text" => false,
                _ => throw new ArgumentException($"--format is 'text' or 'json', not '{rest[at + 1]}'; {Usage}"),
            } : throw new ArgumentException($"--format needs 'text' or 'json'; {Usage}");
            rest.RemoveRange(at, 2);
        }

        string? directory = null;
        if (rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            directory = rest[0];
            rest.RemoveAt(0);
        }
        if (rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"one folder at a time, not '{rest[0]}'; {Usage}");
        return (new CheckCommand(directory, json), [.. rest]);
    }

    /// <summary>Prints the report; 0 when every file can be published (warnings included), 1 when any cannot (or the folder itself cannot be read).</summary>
    public async Task<int> RunAsync(IConfiguration configuration)
    {
        var limits = configuration.GetSection(ContentLimits.Section).Get<ContentLimits>() ?? new ContentLimits();
        var configured = configuration.GetSection(ContentOptions.Section).Get<ContentOptions>() ?? new ContentOptions();
        var markdown = configuration.GetSection(MarkdownOptions.Section).Get<MarkdownOptions>() ?? new MarkdownOptions();
        var folder = Directory is null ? ContentFolder.Locate(configured.Path) : Path.GetFullPath(Directory);
        var shownAs = Directory ?? configured.Path;

        ContentReading reading;
        using (var library = new ContentLibrary(folder, limits, markdown.RawHtml, settleTime: TimeSpan.Zero, TimeProvider.System))
        {
            try
            {
                reading = (await library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true)).Reading;
            }
            catch (ContentException folderProblem)
            {
                reading = new ContentReading([], [folderProblem]);
            }
        }

        // The site file is checked as the server reads it: a bad one would be a problem in /healthz.
        try
        {
            SiteIdentity.From(configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions(), folder);
        }
        catch (ContentException siteProblem)
        {
            reading = reading with { Problems = [siteProblem, .. reading.Problems] };
        }

        var report = CheckReport.Of(shownAs, reading);
        Console.Out.Write(Json ? report.ToJson() : report.ToText());
        await Console.Out.FlushAsync();
        return report.Problems.Any(problem => !problem.Warning) ? 1 : 0;
    }
}
