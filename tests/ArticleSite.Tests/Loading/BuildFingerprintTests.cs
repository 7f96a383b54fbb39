using System.Diagnostics;
using ArticleSite.Loading;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// The build's fingerprint, which the article index trusts its rows by, is made by the build from what the site is
/// built from (ArticleSite.csproj): a build of other sources never takes rows another build wrote, and the same sources
/// give the same fingerprint, so that replicas of one build share their index.
/// </summary>
public sealed class BuildFingerprintTests
{
    [Fact]
    public async Task The_same_sources_give_this_builds_fingerprint_and_a_change_to_any_file_gives_another()
    {
        using var copy = new SourceCopy();

        var same = await copy.FingerprintAsync();
        File.AppendAllText(Path.Combine(copy.Project, "Loading", "ArticleParser.cs"), "\n// a comment, and nothing else, changed\n");
        var edited = await copy.FingerprintAsync();
        File.AppendAllText(Path.Combine(copy.Root, "Directory.Packages.props"), "\n<!-- another package version -->\n");
        var otherPackages = await copy.FingerprintAsync();

        Assert.Matches("^[0-9A-F]{64}$", IndexDatabase.BuildFingerprint);
        Assert.Equal(IndexDatabase.BuildFingerprint, same);
        Assert.NotEqual(same, edited);
        Assert.NotEqual(edited, otherPackages);
    }

    /// <summary>The site's project and the repository's build settings, copied to a temporary folder as they are laid out.</summary>
    private sealed class SourceCopy : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("articlesite-fingerprint-").FullName;

        public string Project => Path.Combine(Root, "src", "ArticleSite");

        public SourceCopy()
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.AppProject, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(Project, Path.GetRelativePath(RepositoryPaths.AppProject, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            foreach (var name in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
                File.Copy(Path.Combine(RepositoryPaths.Root, name), Path.Combine(Root, name));
        }

        /// <summary>What the build's fingerprint target computes for the copy, as `dotnet build` would.</summary>
        public async Task<string> FingerprintAsync()
        {
            var start = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(Project, "ArticleSite.csproj"), "-t:ComputeBuildFingerprint", "-getProperty:BuildFingerprint", "-nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"dotnet msbuild exited with {process.ExitCode}: {await output}{await errors}");
            return (await output).Trim();
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
