namespace ArticleSite.Loading;

/// <summary>
/// Content that cannot be published, with the file it concerns (relative to the content folder, "." for the folder
/// itself) and the reason, ready to show an operator.
/// </summary>
/// <param name="shownAs">What the message names instead of <paramref name="path"/>: the folder's full path for a problem of the folder.</param>
public sealed class ContentException(string path, string reason, string? shownAs = null) : Exception($"{shownAs ?? path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
