using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArticleSite.Loading;

namespace ArticleSite.Checking;

/// <summary>What <c>check</c> found: how many articles would be published, and each problem with its file and line.</summary>
/// <param name="Folder">The folder as given on the command line; each problem's file is named under it.</param>
internal sealed record CheckReport(string Folder, int Articles, IReadOnlyList<CheckProblem> Problems)
{
    public static CheckReport Of(string folder, ContentReading reading) =>
        new(folder, reading.Articles.Count, [.. reading.Problems.Select(problem => new CheckProblem(
            problem.Path == ContentFolder.Itself ? folder : folder == ContentFolder.Itself ? problem.Path : Path.Join(folder, problem.Path),
            problem.Line,
            problem.ReasonWithoutLine,
            problem.IsWarning))]);

    /// <summary>
    /// One <c>path:line: reason</c> (or <c>path: reason</c>) a problem, as compilers print them, then a summary line; control
    /// characters escaped (<see cref="EscapedName"/>), so that each problem is one line and no name writes to the terminal.
    /// </summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var problem in Problems)
            text.Append(EscapedName.Of(problem.Path)).Append(problem.Line is { } line ? $":{line}" : "").Append(": ").Append(EscapedName.Of(problem.Reason)).Append('\n');
        var folder = EscapedName.Of(Folder);
        var (warnings, errors) = (Problems.Count(problem => problem.Warning), Problems.Count(problem => !problem.Warning));
        text.Append(errors == 0
            ? $"{folder}: {Articles} article(s) can be published, no problems"
            : $"{folder}: {Articles} article(s) can be published, {errors} problem(s)");
        text.Append(warnings == 0 ? "\n" : $", {warnings} warning(s): published regardless\n");
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, CheckJsonContext.Default.CheckReport) + "\n";
}

/// <summary>A file that cannot be published: its path (under the folder given), the line where the reason has one, and why; a warning's file is published regardless.</summary>
internal sealed record CheckProblem(string Path, int? Line, string Reason, bool Warning = false);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CheckReport))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
