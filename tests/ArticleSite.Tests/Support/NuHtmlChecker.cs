using System.Diagnostics;

namespace ArticleSite.Tests.Support;

/// <summary>The Nu Html Checker (the W3C validator, run locally from tests/tools) over pages a test fetched.</summary>
public static class NuHtmlChecker
{
    /// <summary>Checks every page; fails the test with the checker's report when any page has an error.</summary>
    /// <param name="timeout">How long the checker may take: two minutes unless given, enough for a few pages on a busy machine.</param>
    public static async Task AssertValidAsync(IReadOnlyDictionary<string, byte[]> pages, TimeSpan? timeout = null)
    {
        var (java, vnu) = (ExternalTools.Java, ExternalTools.VnuJar);
        var folder = Directory.CreateTempSubdirectory("articlesite-nu-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, html) in pages)
            {
                var file = Path.Combine(folder, name + ".html");
                await File.WriteAllBytesAsync(file, html, TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var start = new ProcessStartInfo(java) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-jar", vnu, "--errors-only", "--format", "text" }.Concat(files))
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
            var report = await output + await errors;

            // vnu exits 1 and prints "Error: …" lines when a document has an error.
            Assert.True(process.ExitCode == 0 && !report.Contains("error:", StringComparison.OrdinalIgnoreCase), $"vnu exit code {process.ExitCode}:\n{report}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
