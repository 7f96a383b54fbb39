using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ArticleSite.Tests.Support;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// README.md and docs/*.md stay true: every path in their endpoint tables answers, every <c>bench/</c> script they name
/// exists (and is executable where they run it directly), every <c>src/</c> path they name exists, and every relative
/// link names a file of the repository.
/// </summary>
public sealed partial class DocumentationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The documents whose endpoint tables list every URL: the first column of a table headed "Path" or "Method and path".</summary>
    private static readonly string[] EndpointDocuments = ["README.md", "docs/http.md"];

    /// <summary>Enough articles for a second archive page (50 a page); the first one's slug stands for <c>{slug}</c>.</summary>
    private const int Articles = 51;

    private const string Slug = "article-01";

    /// <summary>The picture every article shows: <c>{hash}</c> is the first 128 bits of its SHA-256.</summary>
    private const string Chart = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";

    private static readonly string ChartHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Chart)))[..32];

    /// <summary>Every article's tag, so that <c>{tag}</c> has a second page too.</summary>
    private const string Tag = "economy";

    /// <summary>On the operator's listener only: the public port answers 404.</summary>
    private const string Metrics = "/metrics";

    [Fact]
    public async Task Every_path_in_the_endpoint_tables_answers()
    {
        var documented = EndpointDocuments.SelectMany(EndpointPaths).Distinct().ToList();
        // The tables were read: each form of URL they must list is there.
        Assert.Contains("/articles/{slug}", documented);
        Assert.Contains("/articles/{slug}.json", documented);
        Assert.Contains("/articles/page/{n}/", documented);
        Assert.Contains(Metrics, documented);

        using var content = new TemporaryContentFolder();
        for (var number = 1; number <= Articles; number++)
            content.Write($"article-{number:00}.md", Article($"Article {number}", $"2025-10-{number % 28 + 1:00}", $"Body of article {number}.\n\n![A chart](chart.svg)", "tags: [economy]\n"));
        content.Write("chart.svg", Chart);
        var operatorPort = HealthCheckTests.FreePort();
        await using var site = SiteProcess.StartOn(content.Path, "--Metrics:Port", $"{operatorPort}");
        using var publicClient = await site.ClientAsync();
        using var operatorClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operatorPort}") };
        // A file slower than the first reading's patience (a loaded machine) is published by a later one: the archive's
        // pages exist once every article is out.
        for (var number = 1; number <= Articles; number++)
        {
            var page = $"/articles/article-{number:00}";
            await Eventually.GetAsync(async () => (await publicClient.GetAsync(page, Cancel)).StatusCode, status => status == HttpStatusCode.OK, $"{page} published");
        }

        foreach (var path in documented)
        {
            var url = Example(path);
            using var response = await (path == Metrics ? operatorClient : publicClient).GetAsync(url, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} (documented as {path}) answered {(int)response.StatusCode}, not 200");
        }
        using var publicMetrics = await publicClient.GetAsync(Metrics, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
    }

    [Fact]
    public void Every_endpoint_table_cell_is_read_as_the_paths_it_names()
    {
        var paths = EndpointPathsOf("""
            | Method and path | Response |
            | --- | --- |
            | `GET /articles/{slug}.txt`, `.md`, `.json` | Forms. |
            | `HEAD` on any of them | Headers. |
            | Any other path | `404 Not Found` at `/nowhere` |

            | Setting | Default |
            | --- | --- |
            | `/not/an/endpoint` | none |
            """);

        Assert.Equal(["/articles/{slug}.txt", "/articles/{slug}.md", "/articles/{slug}.json"], paths);
    }

    [Fact]
    public void Every_bench_script_the_docs_name_exists_and_each_run_directly_is_executable()
    {
        var named = Documents().SelectMany(document => BenchPaths(File.ReadAllText(document))).Distinct().ToList();
        Assert.Contains(("bench/http/run", true), named);

        foreach (var (path, runDirectly) in named)
        {
            var full = Path.Combine(RepositoryPaths.Root, path);
            Assert.True(File.Exists(full) || Directory.Exists(full), $"{path} is named in the docs but does not exist");
            if (runDirectly && File.Exists(full))
            {
                if (!OperatingSystem.IsWindows())
                    Assert.True(File.GetUnixFileMode(full).HasFlag(UnixFileMode.UserExecute), $"{path} is run directly in the docs but is not executable");
                Assert.True(GitFileMode(path) == "100755", $"{path} is run directly in the docs but git does not record it as executable");
            }
        }
    }

    [Fact]
    public void A_script_is_run_directly_when_it_is_the_command_of_a_line()
    {
        var named = BenchPaths("""
            Run `bench/http/run`, or `SKIP_AOT=1 bench/http/run`, or `dotnet run bench/load-breakdown/LoadBreakdown.cs`; `bench/soak/soak.lua` counts.

            ```sh
            ARTICLESITE=out/ArticleSite bench/startup-scale/run.sh       # the native executable
            dotnet run -c Release --project bench/ArticleSite.Benchmarks
            ```
            """).Distinct();

        Assert.Equal(
            [("bench/http/run", true), ("bench/load-breakdown/LoadBreakdown.cs", false), ("bench/soak/soak.lua", false), ("bench/startup-scale/run.sh", true), ("bench/ArticleSite.Benchmarks", false)],
            named);
    }

    [Fact]
    public void Every_source_path_the_docs_name_exists()
    {
        var missing = Documents()
            .SelectMany(document => SourcePaths(File.ReadAllText(document)).Select(path => (Document: Path.GetRelativePath(RepositoryPaths.Root, document), Path: path)))
            .Where(named => !File.Exists(Path.Combine(RepositoryPaths.Root, named.Path)) && !Directory.Exists(Path.Combine(RepositoryPaths.Root, named.Path)))
            .Select(named => $"{named.Document}: {named.Path}");

        Assert.Empty(missing);
    }

    [Fact]
    public void A_source_path_is_read_as_written_or_under_the_app_when_it_starts_at_one_of_its_folders()
    {
        var paths = SourcePaths("""
            The limits (`src/ArticleSite/Serving/ServerLimits.cs`), the variants (`Media/PictureVariants.cs`, which
            `Loading/IndexedArticle.cs` never was), `Program.cs`, `Elsewhere/Thing.cs` and src/ArticleSite/Rendering/Languages/*.txt.
            """);

        Assert.Equal(
            ["src/ArticleSite/Serving/ServerLimits.cs", "src/ArticleSite/Rendering/Languages", "src/ArticleSite/Media/PictureVariants.cs", "src/ArticleSite/Loading/IndexedArticle.cs"],
            paths);
    }

    /// <summary>
    /// Every path of the repository's source a text names: those starting <c>src/</c>, and those starting at a folder of
    /// the app (<c>Serving/ServerLimits.cs</c>), which docs/architecture.md names under <c>src/ArticleSite/</c>.
    /// </summary>
    private static IEnumerable<string> SourcePaths(string text)
    {
        var appFolders = Directory.GetDirectories(RepositoryPaths.AppProject).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        return SourcePath().Matches(text).Select(match => match.Value)
            .Concat(AppPath().Matches(text).Where(match => appFolders.Contains(match.Groups["folder"].Value)).Select(match => $"src/ArticleSite/{match.Value}"));
    }

    [GeneratedRegex(@"(?<![\w./-])src/[\w./-]*\w")]
    private static partial Regex SourcePath();

    [GeneratedRegex(@"(?<![\w./-])(?<folder>[A-Z]\w+)/[\w./-]*\.\w+(?![\w/])")]
    private static partial Regex AppPath();

    [Fact]
    public void Every_relative_link_in_the_docs_names_a_file_and_heading_that_exist()
    {
        var broken = new List<string>();
        foreach (var document in Documents())
        {
            foreach (var link in Markdown.Parse(File.ReadAllText(document), Pipeline).Descendants<LinkInline>())
            {
                if (link.Url is not { Length: > 0 } url || Uri.TryCreate(url, UriKind.Absolute, out _))
                    continue;
                var relative = Path.GetRelativePath(RepositoryPaths.Root, document);
                var (file, anchor) = url.Split('#', 2) is [var before, var after] ? (before, after) : (url, null);
                var target = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, file));
                if (!File.Exists(target) && !Directory.Exists(target))
                    broken.Add($"{relative}: {url} (no such file)");
                else if (anchor is not null && target.EndsWith(".md", StringComparison.Ordinal) && !HeadingIds(target).Contains(anchor))
                    broken.Add($"{relative}: {url} (no such heading)");
            }
        }

        Assert.Empty(broken);
    }

    /// <summary>Pipe tables to read the endpoint tables, and GitHub's heading identifiers to check links to a heading.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers(AutoIdentifierOptions.GitHub).Build();

    private static IEnumerable<string> Documents() =>
        [Path.Combine(RepositoryPaths.Root, "README.md"), .. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal)];

    private static IEnumerable<string> EndpointPaths(string document) =>
        EndpointPathsOf(File.ReadAllText(Path.Combine(RepositoryPaths.Root, document)));

    /// <summary>
    /// The paths in the first column of each endpoint table, as code spans: <c>`GET /feed.atom`</c> is <c>/feed.atom</c>;
    /// <c>`.md`</c> after <c>`/articles/{slug}.txt`</c> is <c>/articles/{slug}.md</c>.
    /// </summary>
    private static List<string> EndpointPathsOf(string markdown)
    {
        var paths = new List<string>();
        foreach (var table in Markdown.Parse(markdown, Pipeline).Descendants<Table>())
        {
            var rows = table.OfType<TableRow>().ToList();
            if (rows is not [{ IsHeader: true } header, ..] || CellText(header) is not ("Path" or "Method and path"))
                continue;
            foreach (var row in rows.Skip(1))
            {
                string? previous = null;
                foreach (var code in ((TableCell)row[0]).Descendants<CodeInline>())
                {
                    var text = code.Content.Split(' ')[^1];
                    if (text.StartsWith('/'))
                        paths.Add(previous = text);
                    else if (text.StartsWith('.') && previous is not null)
                        paths.Add(previous[..previous.LastIndexOf('.')] + text);
                }
            }
        }
        return paths;
    }

    private static string CellText(TableRow row) =>
        string.Concat(((TableCell)row[0]).Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));

    /// <summary>
    /// A URL of the test's content for a documented path: <c>{slug}</c> is an article's; <c>{n}</c> is 2 for an archive page
    /// (page 1 is <c>/articles/</c> itself, and <c>/articles/page/1/</c> is 404) and 1 for anything else, such as a child sitemap.
    /// </summary>
    private static string Example(string path)
    {
        var url = path.Replace("{slug}", Slug, StringComparison.Ordinal)
            .Replace("/page/{n}/", "/page/2/", StringComparison.Ordinal)
            .Replace("{tag}", Tag, StringComparison.Ordinal)
            .Replace("{hash}/{name}.{ext}", $"{ChartHash}/chart.svg", StringComparison.Ordinal)
            .Replace("{n}", "1", StringComparison.Ordinal);
        Assert.True(!url.Contains('{', StringComparison.Ordinal), $"{path} has a placeholder this test does not know: give it a value in Example");
        return url;
    }

    /// <summary>
    /// Every <c>bench/</c> path named in code (spans and blocks) or links, and whether it is run directly: a shell script or
    /// a program (no extension) that is the command of a line, after any <c>NAME=value</c> settings of the environment.
    /// A <c>.lua</c> or <c>.cs</c> file is read by another program, whatever its place in the line.
    /// </summary>
    private static IEnumerable<(string Path, bool RunDirectly)> BenchPaths(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var lines = document.Descendants<CodeInline>().Select(code => code.Content)
            .Concat(document.Descendants<CodeBlock>().SelectMany(block => block.Lines.Lines.Take(block.Lines.Count).Select(line => line.Slice.ToString())))
            .Concat(document.Descendants<LinkInline>().Select(link => link.Url ?? ""));
        foreach (var line in lines)
        {
            var command = EnvironmentSettings().Replace(line, "").TrimStart();
            foreach (Match match in BenchPath().Matches(line))
            {
                var isCommand = match.Index == line.Length - command.Length && command.StartsWith(match.Value, StringComparison.Ordinal);
                yield return (match.Value, isCommand && Path.GetExtension(match.Value) is "" or ".sh");
            }
        }
    }

    [GeneratedRegex(@"(?<![\w./-])bench/[\w./-]*[\w/]")]
    private static partial Regex BenchPath();

    [GeneratedRegex(@"^\s*(\w+=\S*\s+)*")]
    private static partial Regex EnvironmentSettings();

    /// <summary>The identifiers of a document's headings, as GitHub makes them for its anchors.</summary>
    private static HashSet<string> HeadingIds(string document) =>
        [.. Markdown.Parse(File.ReadAllText(document), Pipeline).Descendants<HeadingBlock>().Select(heading => heading.GetAttributes().Id ?? "")];

    /// <summary>The mode git records for a file (<c>100755</c> for an executable), which is what a clone gets.</summary>
    private static string GitFileMode(string path)
    {
        var start = new ProcessStartInfo("git", ["ls-files", "-s", "--", path]) { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true };
        using var git = Process.Start(start)!;
        var line = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0 && line.Length > 0, $"{path} is not in git");
        return line.Split(' ')[0];
    }
}
