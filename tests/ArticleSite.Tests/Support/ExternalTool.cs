namespace ArticleSite.Tests.Support;

/// <summary>Tools from the machine's packages that some tests need: skipped where absent, required where CI says so.</summary>
public static class ExternalTool
{
    /// <summary>The tool's full path; skips the test when it is not installed, or fails it when <c>ARTICLESITE_REQUIRE_TOOLS=1</c>.</summary>
    public static string Require(string name, params string[] candidates)
    {
        var found = candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
        if (found is not null)
            return found;
        var reason = $"{name} is not installed (Debian package: {name})";
        if (Environment.GetEnvironmentVariable("ARTICLESITE_REQUIRE_TOOLS") == "1")
            Assert.Fail($"{reason}, and ARTICLESITE_REQUIRE_TOOLS=1 requires it");
        Assert.Skip(reason);
        return "";
    }
}
