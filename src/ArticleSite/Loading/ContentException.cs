using System.Globalization;

namespace ArticleSite.Loading;

/// <summary>
/// Content that cannot be published, with the file it concerns (relative to the content folder, "." for the folder
/// itself) and the reason, ready to show an operator.
/// </summary>
/// <param name="shownAs">What the message names instead of <paramref name="path"/>: the folder's full path for a problem of the folder.</param>
public sealed class ContentException(string path, string reason, string? shownAs = null) : Exception($"{shownAs ?? path}: {reason}")
{
    private const string LinePrefix = "line ";

    public string Path { get; } = path;

    public string Reason { get; } = reason;

    /// <summary>True when the article is published regardless (a picture shown as its alt text): reported, but no failure of <c>check</c>.</summary>
    public bool IsWarning { get; init; }

    /// <summary>The line the reason names ("line 12: …"), for the "path:line: reason" that editors and CI understand; null when it names none.</summary>
    public int? Line => LineAndRest().Line;

    /// <summary>The reason without its leading "line N: ".</summary>
    public string ReasonWithoutLine => LineAndRest().Remainder;

    private (int? Line, string Remainder) LineAndRest()
    {
        if (!Reason.StartsWith(LinePrefix, StringComparison.Ordinal))
            return (null, Reason);
        var colon = Reason.IndexOf(": ", LinePrefix.Length, StringComparison.Ordinal);
        return colon > 0 && int.TryParse(Reason.AsSpan(LinePrefix.Length, colon - LinePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? (line, Reason[(colon + 2)..])
            : (null, Reason);
    }
}
