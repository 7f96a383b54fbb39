using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Pictures, sound, video and PDFs beside the articles are published with them: each under a URL that carries the hash
/// of its bytes, cached for a year, with a strong ETag, ranges and HEAD; each picture sized in the page.
/// </summary>
public sealed class MediaTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly HtmlParser Html = new();

    /// <summary>A phone photo stored 1200 × 800 and shown upright (Exif orientation 6), a PNG chart, an animated GIF, an SVG with a script, a PDF.</summary>
    private sealed class Bundle : IDisposable
    {
        public TemporaryContentFolder Content { get; } = new();
        public byte[] Photo { get; } = TestPictures.Jpeg(1200, 800, orientation: 6);
        public byte[] Chart { get; } = TestPictures.Png(640, 360);
        public byte[] Animation { get; } = TestPictures.AnimatedGif(40, 30);
        public byte[] Svg { get; } = System.Text.Encoding.UTF8.GetBytes(TestPictures.SvgWithScript);
        public byte[] Pdf { get; } = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

        public Bundle()
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Content.Path, "summit", "images"));
            Directory.CreateDirectory(System.IO.Path.Combine(Content.Path, "shared"));
            Content.WriteBytes("summit/Summit Photo.jpg", Photo);
            Content.WriteBytes("summit/images/chart.png", Chart);
            Content.WriteBytes("shared/wave.gif", Animation);
            Content.WriteBytes("summit/logo.svg", Svg);
            Content.WriteBytes("summit/report.pdf", Pdf);
            Content.Write("summit/index.md", Article("Summit", "2025-11-01",
                "The leaders met.\n\n![Leaders at the summit](Summit%20Photo.jpg \"The leaders — Photo: A. Reporter\")\n\n" +
                "Exports grew: ![Chart of exports](images/chart.png) and ![Wave](../shared/wave.gif).\n\n" +
                "![Logo](logo.svg)\n\nRead [the report](report.pdf).\n\n<img src=\"images/chart.png\" alt=\"Raw chart\" height=\"120\">\n"));
        }

        public void Dispose() => Content.Dispose();
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path = "/articles/summit") =>
        await Html.ParseDocumentAsync(await client.GetStringAsync(path, Cancel));

    [Fact]
    public async Task Every_picture_is_served_under_the_hash_of_its_bytes_and_sized_as_shown()
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var client = site.CreateClient();

        var page = await PageAsync(client);
        var images = page.QuerySelectorAll("main img, article img").Select(image =>
            (Src: image.GetAttribute("src"), Alt: image.GetAttribute("alt"), Width: image.GetAttribute("width"), Height: image.GetAttribute("height"),
             Decoding: image.GetAttribute("decoding"), Loading: image.GetAttribute("loading"))).Distinct().ToList();

        Assert.Equal(
            [
                (TestPictures.MediaUrl(bundle.Photo, "summit-photo.jpg"), "Leaders at the summit", "800", "1200", "async", null),
                (TestPictures.MediaUrl(bundle.Chart, "chart.png"), "Chart of exports", "640", "360", "async", "lazy"),
                (TestPictures.MediaUrl(bundle.Animation, "wave.gif"), "Wave", "40", "30", "async", "lazy"),
                (TestPictures.MediaUrl(bundle.Svg, "logo.svg"), "Logo", "200", "100", "async", "lazy"),
                (TestPictures.MediaUrl(bundle.Chart, "chart.png"), "Raw chart", null, "120", "async", "lazy"),
            ],
            images);
        Assert.Equal(TestPictures.MediaUrl(bundle.Pdf, "report.pdf"), page.QuerySelectorAll("a").Single(link => link.TextContent == "the report").GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("svg rect"));
    }

    [Theory]
    [InlineData("summit-photo.jpg", "image/jpeg")]
    [InlineData("chart.png", "image/png")]
    [InlineData("wave.gif", "image/gif")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("report.pdf", "application/pdf")]
    public async Task A_media_file_answers_with_its_exact_bytes_immutable_and_with_a_strong_etag(string name, string contentType)
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var client = site.CreateRawClient();
        var bytes = BytesNamed(bundle, name);
        var url = TestPictures.MediaUrl(bytes, name);

        using var response = await client.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{url.Split('/')[2]}\"", response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.False(response.Content.Headers.Contains("Last-Modified"));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static byte[] BytesNamed(Bundle bundle, string name) => name switch
    {
        "summit-photo.jpg" => bundle.Photo,
        "chart.png" => bundle.Chart,
        "wave.gif" => bundle.Animation,
        "logo.svg" => bundle.Svg,
        _ => bundle.Pdf,
    };

    [Fact]
    public async Task A_media_file_answers_if_none_match_with_304_a_range_with_206_and_head_without_a_body()
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var client = site.CreateRawClient();
        var url = TestPictures.MediaUrl(bundle.Photo, "summit-photo.jpg");
        var etag = $"\"{url.Split('/')[2]}\"";

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        using var notModified = await client.SendAsync(conditional, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(etag, notModified.Headers.ETag?.ToString());

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(100, 1099);
        using var partial = await client.SendAsync(ranged, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bundle.Photo[100..1100], await partial.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal($"bytes 100-1099/{bundle.Photo.Length}", partial.Content.Headers.ContentRange?.ToString());

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Cancel);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bundle.Photo.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(etag, head.Headers.ETag?.ToString());
    }

    /// <summary>The SVG's URL asked for with <paramref name="headers"/>, and the SVG's bytes.</summary>
    private static async Task<(HttpResponseMessage Response, byte[] Svg)> GetSvgAsync(string suffix = "", params (string Name, string Value)[] headers)
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var response = await site.CreateRawClient().SendAsync(TestPictures.MediaUrl(bundle.Svg, "logo.svg") + suffix, headers);
        await response.Content.LoadIntoBufferAsync(Cancel);
        return (response, bundle.Svg);
    }

    [Fact]
    public async Task A_media_file_may_be_shown_by_other_sites_such_as_a_feed_reader_and_keeps_its_sandbox()
    {
        var (response, _) = await GetSvgAsync();

        // The feed names pictures by absolute URL; a feed reader on another site must be allowed to show them.
        Assert.Equal("cross-origin", response.HeaderOf("Cross-Origin-Resource-Policy"));
        Assert.Equal("nosniff", response.HeaderOf("X-Content-Type-Options"));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", response.HeaderOf("Content-Security-Policy"));
        response.Dispose();
    }

    [Fact]
    public async Task A_media_download_resumed_by_date_gets_the_whole_file()
    {
        // The site sends no Last-Modified, so no date can say these bytes are the ones the download began with.
        var (response, svg) = await GetSvgAsync("", ("Range", "bytes=10-"), ("If-Range", "Mon, 07 Dec 2026 05:00:00 GMT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(svg, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("", response.HeaderOf("Content-Range"));
        response.Dispose();
    }

    [Fact]
    public async Task A_media_range_past_the_end_is_416_and_never_stored()
    {
        var (response, _) = await GetSvgAsync("", ("Range", "bytes=100000-"));

        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, "no-store"), (response.StatusCode, response.HeaderOf("Cache-Control")));
        response.Dispose();
    }

    [Fact]
    public async Task A_media_files_name_with_a_slash_after_it_is_404()
    {
        var (response, _) = await GetSvgAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        response.Dispose();
    }

    [Theory]
    [InlineData("POST", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", HttpStatusCode.MethodNotAllowed)]
    public async Task A_media_url_answers_other_methods_with_405(string method, HttpStatusCode expected)
    {
        Assert.Equal(expected, await BundleStatusAsync(new HttpMethod(method), bundle => TestPictures.MediaUrl(bundle.Photo, "summit-photo.jpg")));
    }

    [Theory]
    [InlineData("/media/00000000000000000000000000000000/summit-photo.jpg")]
    [InlineData("/media/../summit/index.md")]
    [InlineData("/media/x/y")]
    [InlineData("/summit/Summit%20Photo.jpg")]
    [InlineData("/summit/index.md")]
    public async Task A_media_url_that_names_no_published_file_is_404(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, await BundleStatusAsync(HttpMethod.Get, _ => path));
    }

    [Fact]
    public async Task The_right_hash_under_another_name_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, await BundleStatusAsync(HttpMethod.Get,
            bundle => TestPictures.MediaUrl(bundle.Photo, "summit-photo.jpg").Replace("summit-photo.jpg", "summit-photo.svg", StringComparison.Ordinal)));
    }

    /// <summary>The status the bundle's site answers a raw <paramref name="method"/> request for the URL <paramref name="url"/> makes of the bundle with.</summary>
    private static async Task<HttpStatusCode> BundleStatusAsync(HttpMethod method, Func<Bundle, string> url)
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        using var request = new HttpRequestMessage(method, url(bundle));
        using var response = await site.CreateRawClient().SendAsync(request, Cancel);
        return response.StatusCode;
    }

    [Fact]
    public async Task Replacing_a_picture_publishes_it_under_a_new_url_and_the_old_one_is_gone()
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var client = site.CreateClient();
        var oldUrl = TestPictures.MediaUrl(bundle.Chart, "chart.png");
        Assert.Contains(oldUrl, await client.GetStringAsync("/articles/summit", Cancel), StringComparison.Ordinal);

        var replacement = TestPictures.Png(320, 200);
        bundle.Content.WriteBytes("summit/images/chart.png", replacement);
        var newUrl = TestPictures.MediaUrl(replacement, "chart.png");

        var page = await Eventually.GetAsync(() => client.GetStringAsync("/articles/summit", Cancel), html => html.Contains(newUrl, StringComparison.Ordinal), "the page to use the new picture");
        Assert.DoesNotContain(oldUrl, page, StringComparison.Ordinal);
        Assert.Contains($"src=\"{newUrl}\" alt=\"Chart of exports\" width=\"320\" height=\"200\"", page, StringComparison.Ordinal);
        Assert.Equal(replacement, await client.GetByteArrayAsync(newUrl, Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(oldUrl, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_first_picture_is_the_preview_image_of_link_cards_and_structured_data()
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        var client = site.CreateClient();
        var expected = client.BaseAddress!.GetLeftPart(UriPartial.Authority) + TestPictures.MediaUrl(bundle.Photo, "summit-photo.jpg");

        var page = await PageAsync(client);

        Assert.Equal(expected, page.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal("800", page.QuerySelector("meta[property='og:image:width']")?.GetAttribute("content"));
        Assert.Equal("1200", page.QuerySelector("meta[property='og:image:height']")?.GetAttribute("content"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
        Assert.Equal(expected, page.QuerySelector("meta[name='twitter:image']")?.GetAttribute("content"));
        using var structured = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(expected, structured.RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task The_front_matter_image_is_the_preview_image_when_it_names_one()
    {
        using var content = new TemporaryContentFolder();
        var cover = TestPictures.Png(1200, 630);
        content.WriteBytes("cover.png", cover);
        content.WriteBytes("inline.png", TestPictures.Png(10, 10));
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Text.\n\n![Inline](inline.png)", "image: cover.png\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = await PageAsync(client, "/articles/alpha");

        Assert.Equal(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + TestPictures.MediaUrl(cover, "cover.png"), page.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal(200, (int)(await client.GetAsync(TestPictures.MediaUrl(cover, "cover.png"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_article_without_a_picture_keeps_the_small_card_and_no_preview_image()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Text only."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await PageAsync(site.CreateClient(), "/articles/alpha");

        Assert.Null(page.QuerySelector("meta[property='og:image']"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Pages_allow_pictures_and_media_from_the_site_itself_only()
    {
        using var bundle = new Bundle();
        await using var site = new ArticleSiteFactory { ContentFolder = bundle.Content.Path };
        using var response = await site.CreateClient().GetAsync("/articles/summit", Cancel);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single().Split("; ");
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("img-src 'self' data:", policy);
        Assert.Contains("media-src 'self'", policy);
        Assert.DoesNotContain(policy, directive => directive.StartsWith("script-src", StringComparison.Ordinal));
    }
}
