using System.Diagnostics;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Every HTML response passes the Nu Html Checker (the W3C validator, run locally) with zero errors.</summary>
public sealed class HtmlValidityTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    [Fact]
    public async Task The_article_page_and_the_404_page_have_no_Nu_Html_Checker_errors()
    {
        var (java, vnu) = (ExternalTools.Java, ExternalTools.VnuJar);
        var folder = Directory.CreateTempSubdirectory("articlesite-html-").FullName;
        try
        {
            var client = site.CreateClient();
            var files = new List<string>();
            foreach (var (path, name) in new[] { ("/", "page.html"), ("/no-such-page", "not-found.html") })
            {
                using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var file = Path.Combine(folder, name);
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var (exitCode, output) = await RunAsync(java, ["-jar", vnu, "--errors-only", "--format", "text", .. files]);

            // vnu exits 1 and prints "Error: …" lines when a document has an error.
            Assert.True(exitCode == 0 && !output.Contains("error:", StringComparison.OrdinalIgnoreCase), $"vnu exit code {exitCode}:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_front_page_and_the_archive_pages_have_no_Nu_Html_Checker_errors()
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 60; day++)
            content.Write($"day-{day}.md", TemporaryContentFolder.Article($"Day {day}", $"2025-10-{day % 30 + 1:00}", $"Body {day}."));
        await using var several = new ArticleSiteFactory { ContentFolder = content.Path };

        await AssertNoErrorsAsync(several.CreateClient(), ("/", "front.html"), ("/articles/", "archive-1.html"), ("/articles/page/2/", "archive-2.html"));
    }

    [Fact]
    public async Task An_article_page_with_links_to_the_articles_around_it_has_no_Nu_Html_Checker_errors()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", TemporaryContentFolder.Article("Alpha", "2025-11-01", "Alpha body.", "tags: [x]\n"));
        // Related to the others, beside none of them: the middle page's related list is not left empty by its previous and next.
        content.Write("z.md", TemporaryContentFolder.Article("Zeta", "2025-10-01", "Zeta body.", "tags: [x]\n"));
        content.Write("b.md", TemporaryContentFolder.Article("بيتا", "2025-11-02", "نص.", "lang: ar\ntags: [x]\n"));
        content.Write("c.md", TemporaryContentFolder.Article("Gamma", "2025-11-03", "Gamma body.", "tags: [x]\n"));
        await using var several = new ArticleSiteFactory { ContentFolder = content.Path };

        await AssertNoErrorsAsync(several.CreateClient(), ("/articles/a", "oldest.html"), ("/articles/b", "between.html"), ("/articles/c", "newest.html"));
    }

    [Fact]
    public async Task The_search_pages_have_no_Nu_Html_Checker_errors()
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 30; day++)
            content.Write($"day-{day}.md", TemporaryContentFolder.Article($"Day {day}", $"2025-10-{day:00}", $"Body {day}.", "tags: [days]\n"));
        await using var several = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = several.CreateClient();
        await Eventually.GetAsync(() => client.GetStringAsync("/search?q=body", TestContext.Current.CancellationToken), page => page.Contains("30 results", StringComparison.Ordinal), "the index to hold the articles");

        await AssertNoErrorsAsync(client, ("/search?q=body", "results-1.html"), ("/search?q=body&page=2", "results-2.html"), ("/search", "empty.html"),
            ("/search?q=nothing", "none.html"), ("/tags/", "tags.html"));
    }

    [Fact]
    public async Task A_korean_site_of_one_untagged_article_has_an_archive_a_tags_page_and_error_pages_without_Nu_Html_Checker_errors()
    {
        using var content = new TemporaryContentFolder();
        content.Write("only.md", TemporaryContentFolder.Article("알파", "2025-11-01", "본문."));
        content.Write("expired.md", TemporaryContentFolder.Article("베타", "2025-10-01", "본문.", "expiryDate: 2025-10-02\n"));
        await using var korean = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:Language"] = "ko" } };

        await AssertNoErrorsAsync(korean.CreateClient(), ("/", "only.html"), ("/articles/", "archive.html"), ("/tags/", "no-tags.html"),
            ("/no-such-page", "not-found.html"), ("/articles/expired", "gone.html"));
    }

    /// <summary>Fetches each page, checks it is HTML, and runs the Nu Html Checker over them all at once.</summary>
    private static async Task AssertNoErrorsAsync(HttpClient client, params (string Path, string Name)[] pages)
    {
        var folder = Directory.CreateTempSubdirectory("articlesite-html-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (path, name) in pages)
            {
                using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var file = Path.Combine(folder, name);
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var (exitCode, output) = await RunAsync(ExternalTools.Java, ["-jar", ExternalTools.VnuJar, "--errors-only", "--format", "text", .. files]);

            Assert.True(exitCode == 0 && !output.Contains("error:", StringComparison.OrdinalIgnoreCase), $"vnu exit code {exitCode}:\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }
}
