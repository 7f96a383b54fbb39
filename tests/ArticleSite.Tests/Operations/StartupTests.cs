using System.Net;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Starting the site as an operator does: where it finds content, and how it refuses to start without it.</summary>
public sealed class StartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Started_from_the_project_folder_it_finds_the_repositorys_content()
    {
        await using var site = SiteProcess.Start(RepositoryPaths.AppProject);
        using var client = await site.ClientAsync();

        var text = await client.GetStringAsync("/article.txt", Cancel);

        Assert.StartsWith("Lee urges Xi to help revive talks with North Korea at Gyeongju summit\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_content_switch_chooses_the_folder()
    {
        using var content = new TemporaryContentFolder();
        content.Write("note.md", "---\ntitle: A short note\nsummary: Just a note.\ndate: 2025-12-01\n---\n\nThe body of the note.\n");
        await using var site = SiteProcess.StartOn(content.Path);
        using var client = await site.ClientAsync();

        var text = await client.GetStringAsync("/article.txt", Cancel);

        Assert.Equal("A short note\n\nJust a note.\n\n1 December 2025\n\nThe body of the note.\n", text);
    }

    [Fact]
    public async Task A_missing_content_folder_stops_the_site_with_one_line_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "articlesite-no-such-folder");
        await using var site = SiteProcess.StartOn(missing);

        var (exitCode, errorLines) = await site.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"ArticleSite cannot start: {missing}: the content folder does not exist", Assert.Single(errorLines));
    }

    [Theory]
    [InlineData("ContentLimits:MaxFileBytes", "0", "ContentLimits:MaxFileBytes 0 is less than 1")]
    [InlineData("Content:RescanInterval", "00:00:00", "Content:RescanInterval 00:00:00 is not more than zero")]
    [InlineData("Markdown:RawHtml", "7", "Markdown:RawHtml 7 is not one of sanitize, text, omit")]
    [InlineData("Media:MaxConcurrentEncodes", "-1", "Media:MaxConcurrentEncodes -1 is less than 0")]
    [InlineData("Caching:OutputCacheSize", "0", "Caching:OutputCacheSize 0 is less than 1")]
    [InlineData("Metrics:Port", "70000", "Metrics:Port 70000 is not a port from 1 to 65535")]
    [InlineData("Search:QueryBudget", "00:00:00", "Search:QueryBudget 00:00:00 is not more than zero")]
    [InlineData("Proxy:KnownProxies:0", "10.0.0.500", "Proxy:KnownProxies:0 10.0.0.500 is not an IP address")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0", "Proxy:KnownNetworks:0 10.0.0.0 is not a CIDR range such as 10.0.0.0/24")]
    [InlineData("ServerLimits:MaxRequestHeaderCount", "0", "ServerLimits:MaxRequestHeaderCount 0 is less than 1")]
    [InlineData("ServerLimits:MinDataRateGracePeriod", "00:00:00.5", "ServerLimits:MinDataRateGracePeriod 00:00:00.5000000 is not more than 00:00:01")]
    [InlineData("Cache:Path", "   ", "Cache:Path \"   \" is only white space; leave it empty to keep nothing on disk")]
    [InlineData("Cache:Path", "/var/cache/articlesite ", "Cache:Path \"/var/cache/articlesite \" begins or ends with white space")]
    [InlineData("Cache:Path", "~/.cache/articlesite", "Cache:Path \"~/.cache/articlesite\" begins with ~, which is not expanded: give the folder's full path")]
    public async Task A_setting_out_of_its_range_stops_the_site_with_one_line_naming_key_and_value(string key, string value, string reason)
    {
        await using var site = SiteProcess.Start(RepositoryPaths.Root, $"--{key}", value);

        var (exitCode, errorLines) = await site.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"ArticleSite cannot start: {reason}", Assert.Single(errorLines));
    }

    [Fact]
    public void A_cache_folder_with_a_nul_character_which_no_command_line_can_carry_is_refused_as_from_a_settings_file()
    {
        var result = ArticleSite.Operations.CacheFolderOptions.Rules.Validate(null, new() { Path = "/var/cache/article\0site" });

        Assert.Equal("Cache:Path \"/var/cache/article\\0site\" holds a NUL character, which no file system takes", result.FailureMessage);
    }

    [Fact]
    public async Task A_cache_folder_the_site_cannot_make_costs_the_cache_alone()
    {
        using var content = new TemporaryContentFolder();
        content.Write("note.md", "---\ntitle: A short note\nsummary: Just a note.\ndate: 2025-12-01\n---\n\nThe body of the note.\n");
        await using var site = SiteProcess.StartOn(content.Path, "--Cache:Path", "/proc/articlesite-cannot-be-made");
        using var client = await site.ClientAsync();

        var text = await client.GetStringAsync("/article.txt", Cancel);

        Assert.StartsWith("A short note\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_out_of_range_in_two_sections_stop_the_site_with_one_line_naming_both()
    {
        await using var site = SiteProcess.Start(RepositoryPaths.Root, "--ContentLimits:MaxFileBytes", "0", "--Caching:OutputCacheSize", "0");

        var (exitCode, errorLines) = await site.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal("ArticleSite cannot start: ContentLimits:MaxFileBytes 0 is less than 1; Caching:OutputCacheSize 0 is less than 1", Assert.Single(errorLines));
    }

    [Theory]
    [InlineData("---\ntitle: [unclosed\n---\n\nBody.\n", "front matter is not valid YAML")]
    [InlineData("---\nsummary: No title here.\ndate: 2025-11-01\n---\n\nBody.\n", "front matter has no 'title'")]
    [InlineData("Just text, no front matter.\n", "front matter has no 'title', and the body has no '# ' heading to take it from")]
    [InlineData("", "the file is empty")]
    public async Task A_content_folder_whose_only_article_is_broken_stops_the_site_naming_file_and_reason(string markdown, string reason)
    {
        using var content = new TemporaryContentFolder();
        content.Write("broken.md", markdown);
        await using var site = SiteProcess.StartOn(content.Path);

        var (exitCode, errorLines) = await site.ExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(errorLines);
        Assert.StartsWith("ArticleSite cannot start: broken.md: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_reported_by_file_name()
    {
        using var content = new TemporaryContentFolder();
        var file = Path.Combine(content.Path, "latin1.md");
        await File.WriteAllBytesAsync(file, [.. "---\ntitle: Caf"u8, 0xE9, .. "\n---\n\nBody.\n"u8], Cancel);
        await using var site = SiteProcess.StartOn(content.Path);

        var (exitCode, errorLines) = await site.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "ArticleSite cannot start: latin1.md: line 2: not valid UTF-8: byte 0xE9 at byte 14; saved as Windows-1252 or Latin-1? Save it as UTF-8",
            Assert.Single(errorLines));
    }

    [Fact]
    public async Task A_broken_file_beside_a_good_one_is_skipped_and_the_good_one_served()
    {
        using var content = new TemporaryContentFolder();
        content.Write("good.md", "---\ntitle: Good\nsummary: Fine.\ndate: 2025-11-01\n---\n\nGood body.\n");
        content.Write("zz-broken.md", "---\ntitle: [unclosed\n---\n");
        await using var site = SiteProcess.StartOn(content.Path);
        using var client = await site.ClientAsync();

        using var response = await client.GetAsync("/article.txt", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Good\n", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
