namespace ArticleSite.Operations;

/// <summary>
/// Where the site keeps what it can always make again from the content folder (the "Cache" configuration section): never
/// the source of truth, so deleting it costs time, not content. (How long HTTP responses are cached is <see cref="Serving.HttpCachingOptions"/>.)
/// </summary>
internal sealed class CacheFolderOptions
{
    public const string Section = "Cache";

    /// <summary>The cache folder: by default <c>$XDG_CACHE_HOME/articlesite</c>, else <c>~/.cache/articlesite</c>; empty keeps nothing on disk.</summary>
    public string Path { get; set; } = DefaultPath();

    /// <summary>The folder for one kind of cached thing (e.g. "variants"), created on first use; null when nothing is kept on disk.</summary>
    public string? FolderFor(string kind) => PathFor(kind) is { } folder ? Directory.CreateDirectory(folder).FullName : null;

    /// <summary>The full path of the folder for one kind of cached thing, which its user makes (again) as needed; null when nothing is kept on disk.</summary>
    public string? PathFor(string kind) => Path.Length == 0 ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, kind));

    /// <summary>
    /// What a path cannot mean: only white space, white space around it (pasted with the value), a NUL character (which no
    /// file system takes) or a leading <c>~</c>, which no shell expands here. A well-formed folder the site cannot make or
    /// write is not among them: that costs the cache alone, and is logged when first used.
    /// </summary>
    public static SettingRules<CacheFolderOptions> Rules => new SettingRules<CacheFolderOptions>(Section)
        .Add(options => Malformed(options.Path) is { } problem ? $"{Section}:{nameof(Path)} \"{options.Path.Replace("\0", "\\0", StringComparison.Ordinal)}\" {problem}" : null);

    private static string? Malformed(string path) => path switch
    {
        { Length: 0 } => null,
        _ when string.IsNullOrWhiteSpace(path) => "is only white space; leave it empty to keep nothing on disk",
        _ when path.Trim() != path => "begins or ends with white space",
        _ when path.Contains('\0', StringComparison.Ordinal) => "holds a NUL character, which no file system takes",
        _ when path[0] == '~' => "begins with ~, which is not expanded: give the folder's full path",
        _ => null,
    };

    private static string DefaultPath()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return System.IO.Path.Combine(root, "articlesite");
    }
}
