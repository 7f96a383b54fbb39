namespace ArticleSite.Tests.Support;

/// <summary>
/// The programs and data some tests use (Chromium, Java with the Nu Html Checker, Readability, Lighthouse, the CommonMark spec). Where one is missing the test is skipped
/// with the reason; with ARTICLESITE_REQUIRE_TOOLS=1 (set by .ci/run) it fails instead.
/// </summary>
public static class ExternalTools
{
    public static bool Required => Environment.GetEnvironmentVariable("ARTICLESITE_REQUIRE_TOOLS") == "1";

    /// <summary>Debian's Chromium; Playwright never downloads a browser here.</summary>
    public static string Chromium => Require("/usr/bin/chromium", "Chromium is not installed (apt-get install chromium)");

    public static string Java => Require(
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, "java")).FirstOrDefault(File.Exists) ?? "java",
        "Java is not installed (apt-get install default-jre-headless)");

    public static string VnuJar => Require(Path.Combine(NodeModules, "vnu-jar", "build", "dist", "vnu.jar"), "the Nu Html Checker is not installed (npm ci in tests/tools)");

    public static string Readability => Require(Path.Combine(NodeModules, "@mozilla", "readability", "Readability.js"), "Readability is not installed (npm ci in tests/tools)");

    /// <summary>The CommonMark specification's text, whose examples the corpus test publishes (npm package commonmark-spec).</summary>
    public static string CommonMarkSpec => Require(Path.Combine(NodeModules, "commonmark-spec", "spec.txt"), "the CommonMark spec is not installed (npm ci in tests/tools)");

    /// <summary>Lighthouse's command line (npm package lighthouse), run with Node.</summary>
    public static string Lighthouse => Require(Path.Combine(NodeModules, "lighthouse", "cli", "index.js"), "Lighthouse is not installed (npm ci in tests/tools)");

    public static string Node => Require(
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, "node")).FirstOrDefault(File.Exists) ?? "node",
        "Node is not installed (apt-get install nodejs)");

    private static string NodeModules => Path.Combine(RepositoryPaths.Root, "tests", "tools", "node_modules");

    private static string Require(string path, string reason)
    {
        if (File.Exists(path))
            return path;
        if (Required)
            Assert.Fail($"{reason}, and ARTICLESITE_REQUIRE_TOOLS=1 requires it");
        Assert.Skip(reason);
        return path;
    }
}
