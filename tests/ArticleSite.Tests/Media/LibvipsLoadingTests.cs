using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// libvips (its library, glib, thread pool and caches) is loaded only once a picture has smaller copies to make: a site
/// whose pictures are all too small for copies, or that has none, never loads it. Checked on the process's own memory map.
/// </summary>
public sealed class LibvipsLoadingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Libvips = "libvips.so.42";

    [Fact]
    public async Task The_site_loads_libvips_only_once_a_picture_has_smaller_copies_to_make()
    {
        using var content = new TemporaryContentFolder();
        var small = WriteArticlesWithoutCopies(content);
        await using var site = SiteProcess.StartOn(content.Path);
        await LoadsLibvipsOnlyForCopiesAsync(site, content, small);
    }

    [Fact]
    public async Task The_native_binary_loads_libvips_only_once_a_picture_has_smaller_copies_to_make()
    {
        if (Environment.GetEnvironmentVariable("ARTICLESITE_PUBLISHED") is not { Length: > 0 } published)
        {
            Assert.Skip("ARTICLESITE_PUBLISHED names no Native AOT publish folder (.ci/run makes one)");
            return;
        }
        using var content = new TemporaryContentFolder();
        var small = WriteArticlesWithoutCopies(content);
        await using var site = SiteProcess.StartExecutable(Path.Combine(published, "ArticleSite"), content.Path, "--content", content.Path);
        await LoadsLibvipsOnlyForCopiesAsync(site, content, small);
    }

    /// <summary>An article without a picture and one with a picture narrower than the smallest copy (480 px); returns the picture's bytes.</summary>
    private static byte[] WriteArticlesWithoutCopies(TemporaryContentFolder content)
    {
        var small = TestPictures.Jpeg(400, 300);
        content.WriteBytes("small.jpg", small);
        content.Write("small.md", Article("Small", "2025-11-01", "![Small](small.jpg)"));
        content.Write("plain.md", Article("Plain", "2025-11-02", "No picture."));
        return small;
    }

    /// <summary>Serves those articles and the small picture, then publishes an article with a 1000-pixel picture, whose 480-pixel WebP is made and served.</summary>
    private static async Task LoadsLibvipsOnlyForCopiesAsync(SiteProcess site, TemporaryContentFolder content, byte[] small)
    {
        using var client = await site.ClientAsync();
        foreach (var path in new[] { "/", "/articles/small", "/articles/plain", TestPictures.MediaUrl(small, "small.jpg") })
            Assert.Equal((path, HttpStatusCode.OK), (path, (await client.GetAsync(path, Cancel)).StatusCode));

        Assert.False(site.HasLoaded(Libvips), $"{Libvips} is loaded though no picture has copies to make");

        var wide = content.WriteBytes("wide.jpg", TestPictures.Jpeg(1000, 500));
        content.Write("wide.md", Article("Wide", "2025-11-03", "![Wide](wide.jpg)"));
        var webp = TestPictures.MediaUrl(File.ReadAllBytes(wide), "wide-480.webp");
        await Eventually.GetAsync(
            async () => (await client.GetAsync(webp, Cancel)).Content.Headers.ContentType?.MediaType,
            type => type == "image/webp", "the wide picture's 480-pixel WebP to be made");

        Assert.True(site.HasLoaded(Libvips), $"{Libvips} is not loaded though the WebP was made");
    }
}
