using System.Diagnostics.CodeAnalysis;
using ArticleSite.Checking;
using ArticleSite.Exporting;
using ArticleSite.Media;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.Extensions.Options;

namespace ArticleSite.Commands;

/// <summary>
/// What the command line asks the binary to do: serve (no verb), <c>probe URL</c>, <c>check [DIR]</c> or
/// <c>export DIR</c>, and the arguments left for the host's configuration (<c>--content</c>, <c>--urls</c>, settings).
/// </summary>
internal sealed record SiteCommandLine(string[] HostArguments, string? ProbeUrl, CheckCommand? Check, ExportCommand? Export)
{
    /// <summary>The exit code of a command line that cannot be understood.</summary>
    public const int UsageExitCode = 2;

    /// <summary>The command line, or false with the line to print on standard error.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out SiteCommandLine? commandLine, [NotNullWhen(false)] out string? problem)
    {
        commandLine = null;
        problem = null;
        if (args is [ProbeCommand.Verb, var probed])
        {
            commandLine = new SiteCommandLine([], probed, null, null);
            return true;
        }

        ExportCommand? export;
        CheckCommand? check;
        string[] hostArgs;
        try
        {
            (export, hostArgs) = ExportCommand.Parse(args);
        }
        catch (ArgumentException usage)
        {
            problem = $"ArticleSite cannot export: {usage.Message}";
            return false;
        }
        try
        {
            (check, hostArgs) = CheckCommand.Parse(hostArgs);
        }
        catch (ArgumentException usage)
        {
            problem = $"ArticleSite cannot check: {usage.Message}";
            return false;
        }
        commandLine = new SiteCommandLine(hostArgs, null, check, export);
        return true;
    }

    /// <summary>
    /// Writes the published snapshot as files, with the settings the server would serve it with. The variants' folder is
    /// asked for (which loads libvips) only when a picture has variants to write.
    /// </summary>
    public static Task<int> ExportAsync(ExportCommand export, WebApplication app)
    {
        var snapshot = app.Services.GetRequiredService<SitePublisher>().Current;
        return export.RunAsync(
            snapshot,
            app.Configuration,
            app.Services.GetRequiredService<IOptions<SiteOptions>>().Value,
            app.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value,
            snapshot.Media.Files.Any(file => PictureVariant.Of(file).Count > 0) ? app.Services.GetRequiredService<PictureVariants>().Folder : null);
    }
}
