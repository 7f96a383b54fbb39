using System.Text.Json;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// <c>ArticleSite check [DIR]</c>, for a content repository's CI: the folder read as the server reads it, each problem as
/// <c>path:line: reason</c>, a summary, and an exit code that fails the build when any file cannot be published.
/// </summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task A_folder_whose_every_file_publishes_passes_with_a_summary()
    {
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", "content");

        var (exitCode, errorLines) = await check.ExitAsync();

        Assert.Equal((0, 0), (exitCode, errorLines.Count));
        Assert.Equal(["content: 1 article(s) can be published, no problems"], check.OutputLines);
    }

    [Fact]
    public async Task Each_problem_is_printed_as_path_line_reason_and_the_check_fails()
    {
        using var content = FolderWithProblems();

        var (name, exitCode, lines) = await CheckFromParentAsync(content);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            [
                $"{name}/deep/nested.md:7: nested more than 32 levels deep (ContentLimits:MaxNestingDepth)",
                $"{name}/empty.md: the file is empty",
                $"{name}/twin.md: slug 'good' is already used by good.md",
                $"{name}: 1 article(s) can be published, 3 problem(s)",
            ],
            lines);
    }

    [Fact]
    public async Task A_bad_site_file_is_a_problem_of_the_check_with_its_line()
    {
        using var content = GoodArticleBeside("site.yaml", "name: Fine\ndescription: [not, text]\n");

        var (name, exitCode, lines) = await CheckFromParentAsync(content);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            [$"{name}/site.yaml: front matter 'description' is a list ['not', 'text'], expected text", $"{name}: 1 article(s) can be published, 1 problem(s)"],
            lines);
    }

    [Fact]
    public async Task A_warning_is_printed_as_healthz_lists_it_and_the_check_passes()
    {
        using var content = new TemporaryContentFolder();
        content.Write("good.md", TemporaryContentFolder.Article("Good", "2025-11-01", "![The summit](summit.jpg)"));
        await using (var site = new ArticleSiteFactory { ContentFolder = content.Path })
        {
            var health = await Health.GetAsync(site.CreateClient());
            Assert.Equal([("good.md", "line 7: 'summit.jpg' does not exist; the alt text is shown instead")], health.Problems);
        }

        var (name, exitCode, lines) = await CheckFromParentAsync(content);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [$"{name}/good.md:7: 'summit.jpg' does not exist; the alt text is shown instead", $"{name}: 1 article(s) can be published, no problems, 1 warning(s): published regardless"],
            lines);
    }

    [Fact]
    public async Task The_json_format_gives_each_problem_its_path_line_and_reason()
    {
        using var content = FolderWithProblems();
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", content.Path, "--format", "json");

        var (exitCode, _) = await check.ExitAsync();
        var report = JsonElement.Parse(string.Join('\n', check.OutputLines));

        Assert.Equal(1, exitCode);
        Assert.Equal(content.Path, report.GetProperty("folder").GetString());
        Assert.Equal(1, report.GetProperty("articles").GetInt32());
        var first = report.GetProperty("problems")[0];
        Assert.Equal((Path.Combine(content.Path, "deep/nested.md"), 7), (first.GetProperty("path").GetString(), first.GetProperty("line").GetInt32()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("problems")[1].GetProperty("line").ValueKind);
        Assert.Equal(3, report.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task The_limits_are_the_configured_ones()
    {
        using var content = new TemporaryContentFolder();
        content.Write("good.md", TemporaryContentFolder.Article("A good article", "2025-12-01", "Its body."));
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", content.Path, "--ContentLimits:MaxFileBytes", "10");

        var (exitCode, _) = await check.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{Path.Combine(content.Path, "good.md")}: ", check.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains("(ContentLimits:MaxFileBytes)", check.OutputLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_a_file_name_are_escaped_so_that_it_can_forge_no_line_nor_reach_the_terminal()
    {
        using var content = GoodArticleBeside("a\nx: 1 article(s) can be published, no problems\u001b[2J\u202E.md", "");

        var (name, exitCode, lines) = await CheckFromParentAsync(content);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            [$@"{name}/a\nx: 1 article(s) can be published, no problems\x1B[2J\u202E.md: the file is empty", $"{name}: 1 article(s) can be published, 1 problem(s)"],
            lines);
    }

    [Fact]
    public async Task With_an_absolute_content_option_problems_are_named_under_that_folder_as_given()
    {
        using var content = GoodArticleBeside("empty.md", "");
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", "--content", content.Path);

        var (exitCode, _) = await check.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal([$"{content.Path}/empty.md: the file is empty", $"{content.Path}: 1 article(s) can be published, 1 problem(s)"], check.OutputLines);
    }

    [Fact]
    public async Task A_missing_folder_fails_the_check_naming_it()
    {
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", "no-such-folder");

        var (exitCode, _) = await check.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal(["no-such-folder: the content folder does not exist", "no-such-folder: 0 article(s) can be published, 1 problem(s)"], check.OutputLines);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        await using var check = SiteProcess.Start(RepositoryPaths.Root, "check", "content", "--format", "xml");

        var (exitCode, errorLines) = await check.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal(["ArticleSite cannot check: --format is 'text' or 'json', not 'xml'; usage: check [DIR] [--format text|json]"], errorLines);
    }

    /// <summary>Runs <c>check NAME</c> in the folder's parent, so that each path is printed under the folder's bare name.</summary>
    private static async Task<(string Name, int ExitCode, IReadOnlyList<string> Lines)> CheckFromParentAsync(TemporaryContentFolder content)
    {
        var name = Path.GetFileName(content.Path);
        await using var check = SiteProcess.Start(Path.GetDirectoryName(content.Path)!, "check", name);
        var (exitCode, _) = await check.ExitAsync();
        return (name, exitCode, check.OutputLines);
    }

    /// <summary>A folder of one good article and the file <paramref name="fileName"/> holding <paramref name="text"/>.</summary>
    private static TemporaryContentFolder GoodArticleBeside(string fileName, string text)
    {
        var content = new TemporaryContentFolder();
        content.Write("good.md", TemporaryContentFolder.Article("Good", "2025-11-01", "Body."));
        content.Write(fileName, text);
        return content;
    }

    private static TemporaryContentFolder FolderWithProblems()
    {
        var content = new TemporaryContentFolder();
        content.Write("good.md", TemporaryContentFolder.Article("A good article", "2025-12-01", "Its body."));
        content.Write("twin.md", TemporaryContentFolder.Article("Its twin", "2025-12-02", "Another body.", "slug: good\n"));
        content.Write("empty.md", "");
        Directory.CreateDirectory(Path.Combine(content.Path, "deep"));
        content.Write("deep/nested.md", TemporaryContentFolder.Article("Nested", "2025-12-03", new string('>', 40) + " deep"));
        return content;
    }
}
