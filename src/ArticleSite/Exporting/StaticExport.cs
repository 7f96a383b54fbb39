using System.Collections.Concurrent;
using ArticleSite.Media;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using ArticleSite.Serving;

namespace ArticleSite.Exporting;

/// <summary>
/// Writes a rendered site as files, each URL where a static server looks for it, with its precompressed siblings:
/// the snapshot's own bytes in each coding, so every file is exactly what the live server sends for that Accept-Encoding.
/// </summary>
internal static class StaticExport
{
    public const string NginxConfigFile = "nginx.conf";

    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    /// <param name="media">The snapshot's media files: each is copied to its URL's path, never compressed (pictures and video already are).</param>
    /// <param name="metrics">Where the compressions the export makes are counted: the host's.</param>
    /// <param name="variantCache">The live site's folder of picture variants, copied from where it has them; null encodes every variant here.</param>
    /// <param name="searchUpstream">The live replica the nginx block sends <c>/search</c> to; none leaves search out.</param>
    /// <param name="precompress">Whether each file gets its .br and .gz siblings; without them nginx compresses nothing (docs/operations.md).</param>
    public static async Task WriteAsync(UrlTable site, MediaLibrary media, string origin, string directory, HttpCachingOptions caching, SiteMetrics metrics, string? variantCache = null, string? searchUpstream = null, bool precompress = true)
    {
        directory = Path.GetFullPath(directory);
        var served = new ConcurrentDictionary<string, ExportedUrl>(StringComparer.Ordinal);
        // Each URL is rendered, compressed and written on its own, on every core, and not kept: the store of rendered
        // bodies keeps what its budget allows, and a list page, feed or sitemap is let go once written (docs/operations.md).
        await Parallel.ForEachAsync(site.Paths, async (urlPath, _) =>
        {
            // A negotiated URL (/) is exported in its default representation: a static server does not negotiate Accept.
            var resource = await site.FindUnkept(urlPath)!;
            var representation = resource.Representation;
            var file = Path.Combine(directory, FileName(urlPath));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await WriteFileAsync(file, representation.Identity.Bytes);
            if (precompress)
            {
                await WriteFileAsync(file + ".br", (await representation.InAsync(ContentCoding.Brotli, metrics)).Bytes);
                await WriteFileAsync(file + ".gz", (await representation.InAsync(ContentCoding.Gzip, metrics)).Bytes);
            }
            served[urlPath] = new ExportedUrl(representation.ContentType, resource.Freshness);
        });
        foreach (var file in media.Files)
            await WriteMediaAsync(file, Path.Combine(directory, FileName(SiteRoutes.Media(file))));
        var variantTags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variant in media.Files.SelectMany(PictureVariant.Of))
        {
            var target = Path.Combine(directory, FileName(variant.Url));
            await WriteVariantAsync(variant, variantCache, target, Path.Combine(directory, FileName(SiteRoutes.Media(variant.Original))));
            if (File.Exists(target))
            {
                await using var written = File.OpenRead(target);
                variantTags[variant.Url] = MediaHash.Of(written);
            }
        }
        await using var config = new StreamWriter(Path.Combine(directory, NginxConfigFile));
        NginxConfig.Write(config, served.OrderBy(url => url.Key, StringComparer.Ordinal), media, origin, directory, caching, variantTags, searchUpstream);
    }

    /// <summary>
    /// A media file's bytes as its hash names them, copied as the variants are encoded from (<see cref="OriginalPicture"/>):
    /// a file replaced, linked or piped since the snapshot read it is not exported under its old hash, and the export says so.
    /// </summary>
    private static async Task WriteMediaAsync(MediaFile file, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            using var verified = OriginalPicture.CopyOf(file, Path.GetDirectoryName(target)!);
            File.Move(verified.Path, target, overwrite: true);
        }
        catch (PictureChangedException changed)
        {
            await Console.Error.WriteLineAsync($"{file.RelativePath}: not exported, nor its smaller copies: it {changed.Message}");
        }
    }

    /// <summary>
    /// A variant as the live site serves it once made, encoded now if it is not in the cache (the export is offline). A
    /// picture that cannot be decoded has its exported original's bytes (<paramref name="original"/>, verified against
    /// its hash) under its variants' names, as the live site answers them.
    /// </summary>
    private static async Task WriteVariantAsync(PictureVariant variant, string? variantCache, string target, string original)
    {
        if (!File.Exists(original))
            return; // it no longer held the bytes its hash names, which has been said
        try
        {
            await Task.Run(() => PictureEncoder.WriteTo(variant, variantCache, target));
        }
        catch (Exception problem) when (problem is NetVips.VipsException or PictureOverBudgetException)
        {
            await Console.Error.WriteLineAsync($"{variant.Original.RelativePath}: no smaller copies, exported as it is: {problem.Message.Trim()}");
            File.Copy(original, target, overwrite: true);
        }
        catch (PictureChangedException changed)
        {
            // Copying the original would copy what the file holds now, which its URL's hash does not name.
            await Console.Error.WriteLineAsync($"{variant.Original.RelativePath}: no smaller copies, and not exported under their names: it {changed.Message}");
        }
    }

    /// <summary>The file of a URL path, relative to the export: a path ending in <c>/</c> is its folder's <c>index.html</c>.</summary>
    public static string FileName(string urlPath)
    {
        var relative = urlPath.TrimStart('/');
        return relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative;
    }

    // Each file keeps the time it was written: nginx's ETag and Last-Modified then move with every export, never staying
    // put while the bytes change, as an article file's time would.
    private static Task WriteFileAsync(string file, byte[] bytes) => File.WriteAllBytesAsync(file, bytes);
}
