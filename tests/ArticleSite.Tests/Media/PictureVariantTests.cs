using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using ArticleSite.Exporting;
using ArticleSite.Media;
using ArticleSite.Publishing;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetVips;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Large pictures are offered as smaller AVIF and WebP copies at 480, 960 and 1600 pixels wide, made once per picture off
/// the request path and kept in the cache folder: upright, in sRGB, without metadata.
/// </summary>
public sealed class PictureVariantTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly HtmlParser Html = new();

    private readonly TemporaryContentFolder content = new();

    /// <summary>A cache folder that outlives one site, for a second site to start on.</summary>
    private readonly string sharedCache = Directory.CreateTempSubdirectory("articlesite-variants-").FullName;

    public void Dispose()
    {
        content.Dispose();
        Directory.Delete(sharedCache, recursive: true);
    }

    private static PictureVariants Variants(ArticleSiteFactory site) => site.Services.GetRequiredService<PictureVariants>();

    /// <summary>The page's article with one picture (or more) and nothing else.</summary>
    private void WriteArticle(string body) => content.Write("story.md", Article("Story", "2025-11-01", body));

    [Fact]
    public async Task The_page_offers_avif_and_webp_at_each_width_below_the_pictures_own()
    {
        var wide = content.WriteBytes("wide.jpg", TestPictures.Jpeg(2000, 1000));
        var chart = content.WriteBytes("chart.png", TestPictures.Png(700, 400));
        var small = content.WriteBytes("small.jpg", TestPictures.Jpeg(400, 300));
        content.WriteBytes("wave.gif", TestPictures.AnimatedGif(600, 400));
        content.Write("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"300\"><rect width=\"900\" height=\"300\"/></svg>");
        WriteArticle("![Wide](wide.jpg)\n\n![Chart](chart.png)\n\n![Small](small.jpg)\n\n![Wave](wave.gif)\n\n![Logo](logo.svg)");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await Html.ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/story", Cancel), Cancel);

        var wideUrl = TestPictures.MediaUrl(File.ReadAllBytes(wide), "wide.jpg");
        var wideHash = wideUrl.Split('/')[2];
        var chartHash = TestPictures.MediaUrl(File.ReadAllBytes(chart), "chart.png").Split('/')[2];
        var pictures = page.QuerySelectorAll("article picture").Select(picture =>
            (Img: picture.QuerySelector("img")!.GetAttribute("alt"),
             Sources: picture.QuerySelectorAll("source").Select(source => (source.GetAttribute("type"), source.GetAttribute("srcset"), source.GetAttribute("sizes"))).ToList()))
            .ToList();
        const string sizes = "(max-width: 42rem) calc(100vw - 2.5rem), 39.5rem";
        Assert.Equal(2, pictures.Count);
        Assert.Equal("Wide", pictures[0].Img);
        Assert.Equal(
            [
                ("image/avif", $"/media/{wideHash}/wide-480.avif 480w, /media/{wideHash}/wide-960.avif 960w, /media/{wideHash}/wide-1600.avif 1600w", sizes),
                ("image/webp", $"/media/{wideHash}/wide-480.webp 480w, /media/{wideHash}/wide-960.webp 960w, /media/{wideHash}/wide-1600.webp 1600w", sizes),
            ],
            pictures[0].Sources);
        Assert.Equal("Chart", pictures[1].Img);
        Assert.Equal([("image/avif", $"/media/{chartHash}/chart-480.avif 480w", sizes), ("image/webp", $"/media/{chartHash}/chart-480.webp 480w", sizes)], pictures[1].Sources);

        // The picture's own <img> keeps its source, size and loading hints; the others are no <picture> at all.
        var wideImage = page.QuerySelector("img[alt='Wide']")!;
        Assert.Equal((wideUrl, "2000", "1000", "async", null), (wideImage.GetAttribute("src"), wideImage.GetAttribute("width"), wideImage.GetAttribute("height"), wideImage.GetAttribute("decoding"), wideImage.GetAttribute("loading")));
        Assert.Equal("lazy", page.QuerySelector("img[alt='Chart']")!.GetAttribute("loading"));
        foreach (var alt in new[] { "Small", "Wave", "Logo" })
            Assert.Equal("FIGURE", page.QuerySelector($"img[alt='{alt}']")!.ParentElement!.TagName);
    }

    [Fact]
    public async Task The_feed_names_each_variant_by_its_absolute_url()
    {
        var wide = content.WriteBytes("wide.jpg", TestPictures.Jpeg(1000, 500));
        WriteArticle("![Wide](wide.jpg)");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var feed = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/feed.atom", Cancel));
        var entry = Html.ParseDocument(feed.Descendants().Single(element => element.Name.LocalName == "content").Value);

        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var hash = TestPictures.MediaUrl(File.ReadAllBytes(wide), "wide.jpg").Split('/')[2];
        Assert.Equal(
            [$"{origin}/media/{hash}/wide-480.avif 480w, {origin}/media/{hash}/wide-960.avif 960w", $"{origin}/media/{hash}/wide-480.webp 480w, {origin}/media/{hash}/wide-960.webp 960w"],
            entry.QuerySelectorAll("picture source").Select(source => source.GetAttribute("srcset")));
    }

    [Fact]
    public async Task A_variant_is_the_picture_turned_upright_at_its_width_in_its_format_without_metadata()
    {
        // A phone photo stored 1200 × 800 on its side, shown 800 × 1200 (Exif orientation 6): one width, 480, is below 800.
        var photo = TestPictures.Jpeg(1200, 800, orientation: 6);
        content.WriteBytes("phone.jpg", photo);
        WriteArticle("![Phone photo](phone.jpg)");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        foreach (var (extension, contentType, loader) in new[] { ("avif", "image/avif", "heifload"), ("webp", "image/webp", "webpload") })
        {
            var url = TestPictures.MediaUrl(photo, $"phone-480.{extension}");
            using var response = await client.GetAsync(url, Cancel);
            var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal($"\"{HashOf(bytes)}\"", response.Headers.ETag!.Tag);
            using var image = Image.NewFromBuffer(bytes);
            Assert.Equal(($"{loader}_buffer", 480, 720), ((string)image.Get("vips-loader"), image.Width, image.Height));
            Assert.DoesNotContain("exif-data", image.GetFields());
            Assert.DoesNotContain("icc-profile-data", image.GetFields());
        }

        using var range = new HttpRequestMessage(HttpMethod.Get, TestPictures.MediaUrl(photo, "phone-480.webp"));
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3);
        using var partial = await client.SendAsync(range, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("RIFF"u8.ToArray(), await partial.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(TestPictures.MediaUrl(photo, "phone-960.avif"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_wide_gamut_photo_keeps_its_colours_in_its_variants()
    {
        // Pure sRGB red, stored in Display P3 (as a recent phone stores it) with the P3 profile embedded: its stored
        // values (about 234, 51, 35) are a faded red to a browser that ignores the profile.
        var photo = WideGamutRedJpeg(1000, 600);
        content.WriteBytes("red.jpg", photo);
        WriteArticle("![Red](red.jpg)");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        using (var source = Image.NewFromBuffer(photo))
            Assert.True(source.Getpoint(10, 10)[0] < 240, "the source's stored red is P3's, not sRGB's");
        foreach (var name in new[] { "red-960.avif", "red-960.webp" })
        {
            using var variant = Image.NewFromBuffer(await client.GetByteArrayAsync(TestPictures.MediaUrl(photo, name), Cancel));
            var pixel = variant.Getpoint(variant.Width / 2, variant.Height / 2);
            Assert.True(pixel[0] >= 245 && pixel[1] <= 12 && pixel[2] <= 12, $"{name}: {string.Join(", ", pixel)} is not sRGB red");
        }
    }

    [Fact]
    public async Task Variants_made_once_are_served_after_a_restart_without_encoding_them_again()
    {
        var photo = TestPictures.Jpeg(1000, 600);
        content.WriteBytes("photo.jpg", photo);
        WriteArticle("![Photo](photo.jpg)");
        var avif = TestPictures.MediaUrl(photo, "photo-960.avif");
        byte[] first;
        await using (var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache })
        {
            await Variants(site).WhenIdle.WaitAsync(Cancel);
            Assert.Equal(4, Variants(site).Encoded); // 480 and 960, each in AVIF and WebP
            first = await site.CreateClient().GetByteArrayAsync(avif, Cancel);
        }

        await using var restarted = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache };
        using var response = await restarted.CreateClient().GetAsync(avif, Cancel);
        await Variants(restarted).WhenIdle.WaitAsync(Cancel);

        Assert.Equal(("image/avif", "public, max-age=31536000, immutable"), (response.Content.Headers.ContentType!.MediaType, response.Headers.CacheControl!.ToString()));
        Assert.Equal(first, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(0, Variants(restarted).Encoded);
    }

    [Fact]
    public async Task Variants_are_made_again_after_the_cache_folder_is_deleted_while_the_site_runs()
    {
        var photo = TestPictures.Jpeg(1000, 600);
        content.WriteBytes("photo.jpg", photo);
        WriteArticle("![Photo](photo.jpg)");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        Directory.Delete(sharedCache, recursive: true);
        var added = TestPictures.Jpeg(900, 500);
        content.WriteBytes("added.jpg", added);
        content.Write("added.md", Article("Added", "2025-11-02", "![Added](added.jpg)"));

        foreach (var url in new[] { TestPictures.MediaUrl(added, "added-480.webp"), TestPictures.MediaUrl(photo, "photo-480.webp") })
        {
            await Eventually.GetAsync(async () =>
            {
                using var response = await client.GetAsync(url, Cancel);
                return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}";
            }, answer => answer == "200 image/webp", $"{url} to be made again");
        }
    }

    [Fact]
    public async Task Until_its_variant_is_made_a_url_answers_with_the_webp_or_the_original_not_to_be_kept()
    {
        var photo = TestPictures.Jpeg(1000, 600);
        content.WriteBytes("photo.jpg", photo);
        WriteArticle("![Photo](photo.jpg)");
        var notEncoding = new Dictionary<string, string> { ["Media:MaxConcurrentEncodes"] = "0" };
        var avif = TestPictures.MediaUrl(photo, "photo-480.avif");

        await using (var idle = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache, Settings = notEncoding })
        {
            using var original = await idle.CreateClient().GetAsync(avif, Cancel);
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            Assert.Equal(("image/jpeg", "no-cache"), (original.Content.Headers.ContentType!.MediaType, original.Headers.CacheControl!.ToString()));
            Assert.Equal(photo, await original.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal($"\"{avif.Split('/')[2]}\"", original.Headers.ETag!.Tag);
        }

        // Made by one site, then the AVIFs lost: the next site, encoding nothing, answers with the WebP of the same width.
        await using (var encoding = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache })
            await Variants(encoding).WhenIdle.WaitAsync(Cancel);
        foreach (var file in Directory.GetFiles(sharedCache, "*.avif", SearchOption.AllDirectories))
            File.Delete(file);
        await using var waiting = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = sharedCache, Settings = notEncoding };
        using var webp = await waiting.CreateClient().GetAsync(avif, Cancel);

        Assert.Equal(("image/webp", "no-cache"), (webp.Content.Headers.ContentType!.MediaType, webp.Headers.CacheControl!.ToString()));
        Assert.Equal(await waiting.CreateClient().GetByteArrayAsync(TestPictures.MediaUrl(photo, "photo-480.webp"), Cancel), await webp.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task A_picture_corrupt_beyond_its_header_gets_no_variants_is_logged_and_is_served_as_it_is()
    {
        // A JPEG whose header and end marker are whole but whose image data stops a third of the way.
        var whole = TestPictures.Jpeg(1000, 600);
        var broken = whole[..(whole.Length / 3)].Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
        content.WriteBytes("broken.jpg", broken);
        WriteArticle("![Broken](broken.jpg)");
        var logs = new LogLines();
        await using var site = new LoggedSiteFactory(logs) { ContentFolder = content.Path };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        using var page = await client.GetAsync("/articles/story", Cancel);
        using var variant = await client.GetAsync(TestPictures.MediaUrl(broken, "broken-480.avif"), Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "image/jpeg", "no-cache"), (variant.StatusCode, variant.Content.Headers.ContentType!.MediaType, variant.Headers.CacheControl!.ToString()));
        Assert.Equal(broken, await variant.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Empty(Directory.GetFiles(Variants(site).Folder!));
        Assert.Single(logs.Lines, line => line.StartsWith("Cannot make smaller copies of broken.jpg, which is served as it is: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_variants_entity_tag_is_the_hash_of_its_bytes()
    {
        var (started, photo) = await StartWithPhotoEncodedAsync();
        await using var site = started;
        var client = site.CreateClient();
        var url = TestPictures.MediaUrl(photo, "photo-480.avif");

        using var response = await client.GetAsync(url, Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", response.Headers.ETag!.Tag } } };
        using var notModified = await client.SendAsync(revalidation, Cancel);

        // Another libvips build makes other bytes for this URL: they get another tag, never this one.
        Assert.Equal(($"\"{HashOf(bytes)}\"", false), (response.Headers.ETag.Tag, response.Headers.ETag.IsWeak));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    /// <summary>What is put in a queued picture's place, and the end of what the log says of it.</summary>
    public static TheoryData<string> Swaps => [.. SwapReasons.Keys];

    private static readonly Dictionary<string, string> SwapReasons = new()
    {
        ["other pixels"] = "has changed since it was read",
        ["a link to a picture outside the folder"] = "cannot be read now: it is a symbolic link, which is not followed",
        ["a named pipe"] = "is now a named pipe (FIFO), not a regular file",
        ["nothing"] = "cannot be read now: No such file or directory",
    };

    [Theory]
    [MemberData(nameof(Swaps))]
    public async Task A_picture_swapped_while_queued_gets_no_copies_under_its_old_hash_and_later_pictures_still_get_theirs(string swap)
    {
        using var outside = new TemporaryContentFolder();
        var photo = TestPictures.Png(1000, 600);
        var later = TestPictures.Jpeg(1000, 601);
        var logs = new LogLines();
        await using var site = await StartWithPictureQueuedAsync(logs, photo, later);
        var photoPath = Path.Combine(content.Path, "photo.png");
        switch (swap)
        {
            case "other pixels":
                File.WriteAllBytes(photoPath + ".new", TestPictures.Jpeg(1200, 700));
                File.Move(photoPath + ".new", photoPath, overwrite: true);
                break;
            case "a link to a picture outside the folder":
                File.CreateSymbolicLink(photoPath + ".new", outside.WriteBytes("secret.png", TestPictures.Png(1200, 700)));
                File.Move(photoPath + ".new", photoPath, overwrite: true);
                break;
            case "a named pipe":
                File.Delete(photoPath);
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [photoPath]))
                    await mkfifo.WaitForExitAsync(Cancel);
                break;
            default:
                File.Delete(photoPath);
                break;
        }
        Assert.True(Variants(site).Encoded < 6, "the first picture's copies were all made before the swap: make it larger");

        await Variants(site).WhenIdle.WaitAsync(TimeSpan.FromMinutes(2), Cancel);
        using var variant = await site.CreateClient().GetAsync(TestPictures.MediaUrl(photo, "photo-480.webp"), Cancel);

        Assert.Contains($"No smaller copies of photo.png for now: it {SwapReasons[swap]}; the next reading of the folder queues what it holds", logs.Lines);
        Assert.Empty(Directory.GetFiles(Variants(site).Folder!, $"{HashOf(photo)}-*"));
        Assert.Equal(4, Directory.GetFiles(Variants(site).Folder!, $"{HashOf(later)}-*").Length);
        Assert.Equal(HttpStatusCode.NotFound, variant.StatusCode);
    }

    [Fact]
    public async Task A_picture_missing_for_a_moment_at_its_turn_gets_its_copies_once_it_is_back()
    {
        var photo = TestPictures.Png(1000, 600);
        var logs = new LogLines();
        await using var site = await StartWithPictureQueuedAsync(logs, photo, TestPictures.Jpeg(1000, 601));
        File.Delete(Path.Combine(content.Path, "photo.png"));
        await Variants(site).WhenIdle.WaitAsync(TimeSpan.FromMinutes(2), Cancel);
        var url = TestPictures.MediaUrl(photo, "photo-480.webp");
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync(url, Cancel)).StatusCode);
        // That request queued the picture again; its turn must pass while it is still missing, or it would read the file half written.
        await Variants(site).WhenIdle.WaitAsync(TimeSpan.FromMinutes(2), Cancel);

        content.WriteBytes("photo.png", photo);
        await site.CreateClient().GetAsync(url, Cancel);
        await Variants(site).WhenIdle.WaitAsync(TimeSpan.FromMinutes(2), Cancel);
        using var variant = await site.CreateClient().GetAsync(url, Cancel);

        Assert.Equal((HttpStatusCode.OK, "image/webp", "public, max-age=31536000, immutable"),
            (variant.StatusCode, variant.Content.Headers.ContentType!.MediaType, variant.Headers.CacheControl!.ToString()));
    }

    /// <summary>
    /// A site (not watching the folder) whose one encoder is busy with a 6-megapixel photo's six copies while
    /// <paramref name="photo"/>, then <paramref name="later"/>, wait their turn: the test changes photo.png meanwhile.
    /// </summary>
    private async Task<ArticleSiteFactory> StartWithPictureQueuedAsync(LogLines logs, byte[] photo, byte[] later)
    {
        content.WriteBytes("busy.jpg", TestPictures.Jpeg(3000, 2000));
        content.WriteBytes("photo.png", photo);
        content.WriteBytes("later.jpg", later);
        WriteArticle("![Busy](busy.jpg)\n\n![Photo](photo.png)\n\n![Later](later.jpg)");
        var site = new LoggedSiteFactory(logs)
        {
            ContentFolder = content.Path,
            Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "01:00:00", ["Content:Debounce"] = "01:00:00" },
        };
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync("/articles/story", Cancel)).StatusCode);
        return site;
    }

    /// <summary>A site whose one picture, photo.jpg of 1000 × 600 pixels, has every variant made.</summary>
    private async Task<(ArticleSiteFactory Site, byte[] Photo)> StartWithPhotoEncodedAsync()
    {
        var photo = TestPictures.Jpeg(1000, 600);
        content.WriteBytes("photo.jpg", photo);
        WriteArticle("![Photo](photo.jpg)");
        var site = new ArticleSiteFactory { ContentFolder = content.Path };
        await Variants(site).WhenIdle.WaitAsync(Cancel);
        return (site, photo);
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));

    [Fact]
    public async Task A_picture_whose_decode_is_over_its_memory_budget_gets_no_variants_is_logged_and_is_served_as_it_is()
    {
        var interlaced = TestPictures.Png16(1000, 600, interlaced: true);
        var plain = TestPictures.Png16(1000, 601, interlaced: false);
        content.WriteBytes("interlaced.png", interlaced);
        content.WriteBytes("plain.png", plain);
        WriteArticle("![Interlaced](interlaced.png)\n\n![Plain](plain.png)");
        var logs = new LogLines();
        await using var site = new LoggedSiteFactory(logs) { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Media:MaxDecodeBytes"] = "1048576" } };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        using var refused = await client.GetAsync(TestPictures.MediaUrl(interlaced, "interlaced-480.webp"), Cancel);
        using var made = await client.GetAsync(TestPictures.MediaUrl(plain, "plain-480.webp"), Cancel);

        // 1,000 × 600 pixels of 3 samples of 2 bytes, held whole; the plain one is read a few rows at a time.
        Assert.Contains("Cannot make smaller copies of interlaced.png, which is served as it is: an interlaced 16-bit PNG of 1,000 × 600 pixels is decoded whole, in 3 MiB, over the limit of 1 MiB (Media:MaxDecodeBytes)", logs.Lines);
        Assert.Equal(("image/png", "no-cache"), (refused.Content.Headers.ContentType!.MediaType, refused.Headers.CacheControl!.ToString()));
        Assert.Equal(interlaced, await refused.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(("image/webp", "public, max-age=31536000, immutable"), (made.Content.Headers.ContentType!.MediaType, made.Headers.CacheControl!.ToString()));
    }

    [Fact]
    public async Task A_progressive_cmyk_jpeg_is_counted_at_what_its_variants_hold_and_refused_over_the_budget()
    {
        var progressive = TestPictures.ProgressiveCmykJpeg(600, 400);
        content.WriteBytes("scan.jpg", progressive);
        WriteArticle("![Scan](scan.jpg)");
        var logs = new LogLines();
        await using var site = new LoggedSiteFactory(logs) { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Media:MaxDecodeBytes"] = "4194304" } };
        var client = site.CreateClient();
        await Variants(site).WhenIdle.WaitAsync(Cancel);

        using var refused = await client.GetAsync(TestPictures.MediaUrl(progressive, "scan-480.webp"), Cancel);

        // 600 × 400 pixels of 4 components' coefficients at 2 bytes (1.8 MiB), held up to three times over by its six variants' loads.
        Assert.Contains("Cannot make smaller copies of scan.jpg, which is served as it is: a progressive CMYK JPEG of 600 × 400 pixels is decoded whole, in 5 MiB, over the limit of 4 MiB (Media:MaxDecodeBytes)", logs.Lines);
        Assert.Equal(("image/jpeg", "no-cache"), (refused.Content.Headers.ContentType!.MediaType, refused.Headers.CacheControl!.ToString()));
        Assert.Equal(progressive, await refused.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Stopping_the_site_kills_the_encode_in_progress_and_leaves_no_file()
    {
        await using var site = await StartEncodingLargePictureAsync();
        var variants = Variants(site);

        await variants.StopAsync(Cancel);

        Assert.Equal(0, variants.Encoded);
        Assert.Empty(Directory.GetFiles(variants.Folder!));
    }

    [Fact]
    public async Task A_picture_the_content_no_longer_names_has_its_encode_in_progress_killed()
    {
        await using var site = await StartEncodingLargePictureAsync();
        var variants = Variants(site);

        WriteArticle("No picture now.");
        await site.Services.GetRequiredService<SitePublisher>().PublishAsync();
        await variants.WhenIdle.WaitAsync(Cancel);

        Assert.Equal(0, variants.Encoded);
        Assert.Empty(Directory.GetFiles(variants.Folder!));
    }

    /// <summary>
    /// A site whose article shows a 25-megapixel 16-bit PNG (read a few rows at a time: its first variant takes seconds),
    /// returned once that picture's verified copy is written, just before its first variant's encode starts.
    /// </summary>
    private async Task<ArticleSiteFactory> StartEncodingLargePictureAsync()
    {
        content.WriteBytes("large.png", TestPictures.Png16(5000, 5000, interlaced: false));
        WriteArticle("![Large](large.png)");
        var site = new ArticleSiteFactory { ContentFolder = content.Path };
        _ = site.CreateClient();
        var folder = Variants(site).Folder!;
        await Eventually.GetAsync(() => Task.FromResult(Directory.GetFiles(folder, "*.original").Length), copies => copies == 1, "the picture's verified copy, as its encode starts");
        return site;
    }

    [Fact]
    public async Task The_static_export_holds_every_variant_with_the_live_sites_bytes()
    {
        var (started, photo) = await StartWithPhotoEncodedAsync();
        await using var site = started;
        var client = site.CreateClient();
        var export = Path.Combine(content.Path, "..", Path.GetFileName(content.Path) + "-export");

        try
        {
            // Without the live site's cache folder: the export encodes each variant itself, to the same bytes.
            Assert.Equal(0, await new ExportCommand(export, "https://news.example.org").RunAsync(
                site.Services.GetRequiredService<SitePublisher>().Current, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(),
                site.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value));

            foreach (var name in new[] { "photo-480.avif", "photo-960.avif", "photo-480.webp", "photo-960.webp" })
            {
                var url = TestPictures.MediaUrl(photo, name);
                Assert.Equal(await client.GetByteArrayAsync(url, Cancel), await File.ReadAllBytesAsync(Path.Combine(export, StaticExport.FileName(url)), Cancel));
            }
        }
        finally
        {
            Directory.Delete(export, recursive: true);
        }
    }

    /// <summary>A JPEG of pure sRGB red converted to Display P3, the P3 profile embedded.</summary>
    private static byte[] WideGamutRedJpeg(int width, int height)
    {
        using var black = Image.Black(width, height, bands: 3);
        using var red = (black + new double[] { 255, 0, 0 }).Cast(Enums.BandFormat.Uchar);
        using var srgb = red.Copy(interpretation: Enums.Interpretation.Srgb);
        using var p3 = srgb.IccTransform("p3", inputProfile: "srgb", embedded: false);
        return p3.JpegsaveBuffer(q: 95);
    }

    /// <summary>A site whose log messages are also kept in <paramref name="logs"/>.</summary>
    private sealed class LoggedSiteFactory(LogLines logs) : ArticleSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    /// <summary>The site's log messages, as formatted.</summary>
    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
