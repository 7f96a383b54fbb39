namespace ArticleSite.Tests.Support;

/// <summary>
/// The site with the kitchen-sink article (Fixtures/kitchen-sink/index.md: every kind of block an article can carry,
/// with a large JPEG, a PNG and an SVG that holds a script) beside the repository's own article, in a folder of its own.
/// </summary>
public sealed class KitchenSinkSite : ArticleSiteFactory
{
    public const string Slug = "kitchen-sink";

    public const string PagePath = "/articles/kitchen-sink";

    public KitchenSinkSite() => ContentFolder = Folder.Path;

    public TemporaryContentFolder Folder { get; } = Write();

    /// <summary>The article's photo (images/summit.jpg): a real JPEG of 2400 × 1600 pixels.</summary>
    public static byte[] Photo { get; } = TestPictures.Jpeg(2400, 1600);

    /// <summary>Where the photo is served: the first 128 bits of its SHA-256, then its name.</summary>
    public static string PhotoUrl { get; } = $"/media/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Photo))[..32]}/summit.jpg";

    /// <summary>The article's chart (images/exports.png): a PNG of 640 × 360 pixels.</summary>
    public static byte[] Chart { get; } = TestPictures.Png(640, 360);

    /// <summary>The article's emblem (images/emblem.svg): an SVG of 200 × 100 with a script that must never run.</summary>
    public static byte[] Emblem { get; } = System.Text.Encoding.UTF8.GetBytes(TestPictures.SvgWithScript);

    /// <summary>The kitchen-sink article's Markdown, as the fixture holds it.</summary>
    public static string Markdown => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Slug, "index.md"));

    private static TemporaryContentFolder Write()
    {
        var folder = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, Slug));
        folder.Write(Path.Combine(Slug, "index.md"), Markdown);
        Directory.CreateDirectory(Path.Combine(folder.Path, Slug, "images"));
        folder.WriteBytes(Path.Combine(Slug, "images", "summit.jpg"), Photo);
        folder.WriteBytes(Path.Combine(Slug, "images", "exports.png"), Chart);
        folder.WriteBytes(Path.Combine(Slug, "images", "emblem.svg"), Emblem);
        foreach (var article in Directory.GetFiles(RepositoryPaths.Content, "*.md"))
            File.Copy(article, Path.Combine(folder.Path, Path.GetFileName(article)));
        return folder;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Folder.Dispose();
    }
}
