using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// Who the site says it is on every page, feed and file: its name, description, default language and icon. Each comes
/// from the configuration (<c>Site:Name</c>…), else from the content folder's site file, else the default.
/// </summary>
public sealed record SiteIdentity(string Name, string? Description, string Language, byte[]? IconSvg)
{
    /// <summary>An icon larger than this is refused: a site icon is a few kilobytes of SVG.</summary>
    public const int MaxIconBytes = 256 * 1024;

    public static SiteIdentity Default { get; } = new("ArticleSite", null, "en", null);

    /// <summary>
    /// The identity the configuration and the folder's site file give together, the configuration winning: an operator
    /// can rename a deployment (a staging copy, say) without editing the content repository.
    /// </summary>
    /// <exception cref="ContentException">The site file, or an icon it or the configuration names, cannot be used; named by file.</exception>
    internal static SiteIdentity From(SiteOptions options, string contentFolder)
    {
        var file = SiteFile.Read(contentFolder);
        var icon = Blank(options.Icon) is { } configuredIcon ? ReadIcon(Path.GetFullPath(configuredIcon), configuredIcon)
            : file?.Icon is { } fileIcon ? ReadFileIcon(contentFolder, fileIcon)
            : null;
        return new SiteIdentity(
            Name: Blank(options.Name) ?? file?.Name ?? Default.Name,
            Description: Blank(options.Description) ?? file?.Description,
            Language: Blank(options.Language) ?? file?.Language ?? Default.Language,
            IconSvg: icon)
        {
            SearchForm = options.SearchForm,
        };
    }

    /// <summary>Whether the pages' mastheads have the search form (<see cref="SiteOptions.SearchForm"/>).</summary>
    public bool SearchForm { get; init; } = true;

    /// <summary>Equal in every field, the icon's bytes included.</summary>
    public bool SameAs(SiteIdentity other) =>
        Name == other.Name && Description == other.Description && Language == other.Language && SearchForm == other.SearchForm
        && (IconSvg ?? []).AsSpan().SequenceEqual(other.IconSvg ?? []);

    private static string? Blank(string? setting) => string.IsNullOrWhiteSpace(setting) ? null : setting.Trim();

    /// <summary>The site file's icon, read by the scan's rules: inside the content folder, nothing hidden, no link on the way.</summary>
    private static byte[] ReadFileIcon(string folder, string icon)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var full = Path.GetFullPath(Path.Combine(root, icon));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ContentException(SiteFile.Names[0], $"'icon' is '{icon}', expected the path of an SVG file inside the content folder");
        var relative = ContentFolder.Relative(root, full);
        if (relative.Split('/').Any(segment => segment.StartsWith('.')))
            throw new ContentException(relative, "the site icon names a hidden file or folder");
        if (ContentFolder.Walk(root, relative) is (_, { } problem))
            throw new ContentException(relative, $"the site icon {problem}");
        return ReadIcon(full, relative);
    }

    /// <summary>An SVG file's bytes, opened without blocking and never read past <see cref="MaxIconBytes"/> (a file of /proc says it is empty and is not).</summary>
    private static byte[] ReadIcon(string path, string asWritten)
    {
        if (FileStatus.OfTarget(path) is not { Kind: EntryKind.File })
            throw new ContentException(asWritten, "the site icon is not a file");
        var bytes = ArticleBytes.Read(path, asWritten, MaxIconBytes, "for the site icon");
        return bytes.AsSpan().IndexOf("<svg"u8) >= 0
            ? bytes
            : throw new ContentException(asWritten, "the site icon is not an SVG file (no <svg element)");
    }
}
