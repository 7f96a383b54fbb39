namespace ArticleSite.Loading;

/// <summary>Content that cannot be published, with the file it concerns and the reason, ready to show an operator.</summary>
public sealed class ContentException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
