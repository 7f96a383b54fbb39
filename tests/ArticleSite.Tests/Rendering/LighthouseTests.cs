using System.Diagnostics;
using System.Text.Json;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Google's Lighthouse (npm package lighthouse, pinned in tests/tools) in Debian's Chromium scores the article page 100 in each category.</summary>
/// <remarks>Run alone, after the tests that run in parallel: its performance score times the page, which other tests' load would slow.</remarks>
[Collection(nameof(LighthouseTests))]
public sealed class LighthouseTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    /// <remarks>
    /// The desktop preset: the mobile one slows the CPU four times on top of whatever else the machine runs, which
    /// measures the machine's load more than the page (a page without script, one stylesheet and no web fonts).
    /// </remarks>
    [Fact]
    public async Task Lighthouse_scores_the_page_100_for_performance_accessibility_best_practices_and_SEO()
    {
        var (node, lighthouse, chromium) = (ExternalTools.Node, ExternalTools.Lighthouse, ExternalTools.Chromium);
        var client = site.CreateClient();
        // "localhost", which browsers count as a secure origin as they do HTTPS; the first request renders the page.
        var url = $"http://localhost:{client.BaseAddress!.Port}/";
        await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("articlesite-lighthouse-").FullName;
        try
        {
            var report = Path.Combine(folder, "report.json");
            var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                lighthouse, url, "--preset=desktop", "--output=json", $"--output-path={report}", "--quiet",
                $"--only-categories={string.Join(',', Categories)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            })
                start.ArgumentList.Add(argument);
            start.Environment["CHROME_PATH"] = chromium;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"lighthouse exit code {process.ExitCode}:\n{await output}{await errors}");

            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
            var scores = Categories.ToDictionary(category => category, category => result.RootElement.GetProperty("categories").GetProperty(category).GetProperty("score").GetDouble());
            var below = result.RootElement.GetProperty("audits").EnumerateObject()
                .Where(audit => audit.Value.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number && score.GetDouble() < 1
                    && audit.Value.GetProperty("scoreDisplayMode").GetString() is "binary" or "numeric" or "metricSavings")
                .Select(audit => $"{audit.Name}: {audit.Value.GetProperty("score").GetDouble()} {(audit.Value.TryGetProperty("displayValue", out var shown) ? shown.GetString() : "")}");
            Assert.True(scores.Values.All(score => score == 1), $"{string.Join(", ", scores.Select(score => $"{score.Key} {score.Value * 100}"))}\n{string.Join('\n', below)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Lighthouse's collection: not run in parallel with any other test.</summary>
[CollectionDefinition(nameof(LighthouseTests), DisableParallelization = true)]
public sealed class LighthouseRunsAlone;
