using System.Net;
using System.Net.Http.Headers;
using ArticleSite.Exporting;
using ArticleSite.Media;
using ArticleSite.Publishing;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticleSite.Tests;

/// <summary>The export's nginx server block, run by Debian's nginx on 127.0.0.1: it serves what the live site serves.</summary>
public sealed class NginxExportTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string work = Directory.CreateTempSubdirectory("articlesite-nginx-").FullName;

    /// <summary>Where <see cref="ExportAsync"/> writes the export: in the test's folder.</summary>
    private string Export => Path.Combine(work, "export");

    /// <summary>Exports the factory's site for the origin its client names, into <see cref="Export"/>.</summary>
    private async Task<string> ExportAsync(ArticleSiteFactory factory, HttpClient site)
    {
        var export = Export;
        await new ExportCommand(export, site.BaseAddress!.GetLeftPart(UriPartial.Authority)).RunAsync(
            factory.Services.GetRequiredService<SitePublisher>().Current, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), factory.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value);
        return export;
    }

    [Fact]
    public async Task Nginx_serves_the_export_with_the_live_bytes_media_types_and_precompressed_gzip()
    {
        var nginxPath = ExternalTool.Require("nginx", "/usr/sbin/nginx");
        await using var factory = new ArticleSiteFactory();
        using var site = factory.CreateClient();
        using var nginx = await ServeExportWithNginxAsync(nginxPath, factory, site);
        using var client = nginx.Client();

        foreach (var path in new[] { "/", "/article.txt" })
        {
            using var live = await site.GetAsync(path, Cancel);
            using var served = await client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(live.Content.Headers.ContentType, served.Content.Headers.ContentType);
            Assert.Equal(await live.Content.ReadAsByteArrayAsync(Cancel), await served.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(live.Headers.CacheControl, served.Headers.CacheControl);

            using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path);
            gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var gzip = await client.SendAsync(gzipRequest, Cancel);
            Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
            // The live / also varies on Accept; the export serves / as HTML whatever the Accept, so it varies on the coding only.
            Assert.Equal("Accept-Encoding", Assert.Single(served.Headers.Vary));
            Assert.Equal("Accept-Encoding", Assert.Single(gzip.Headers.Vary));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Export, StaticExport.FileName(path) + ".gz"), Cancel), await gzip.Content.ReadAsByteArrayAsync(Cancel));
        }

        foreach (var path in new[] { "/index.html", "/index.html.gz", "/nginx.conf", "/missing" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Nginx_serves_the_exported_tag_pages_and_feeds_at_the_live_urls_a_korean_tag_included()
    {
        var nginxPath = ExternalTool.Require("nginx", "/usr/sbin/nginx");
        using var content = new TemporaryContentFolder();
        content.Write("a.md", TemporaryContentFolder.Article("경제 기사", "2025-11-02", "본문.", "lang: ko\ntags: [경제, Release]\n"));
        content.Write("b.md", TemporaryContentFolder.Article("Release notes", "2025-11-01", "Body.", "tags: [release]\n"));
        await using var factory = new ArticleSiteFactory { ContentFolder = content.Path };
        using var site = factory.CreateClient();
        using var nginx = await ServeExportWithNginxAsync(nginxPath, factory, site);
        using var client = nginx.Client();

        foreach (var path in new[] { "/tags/", "/tags/release/", "/tags/release/feed.atom", "/tags/%EA%B2%BD%EC%A0%9C/", "/tags/%EA%B2%BD%EC%A0%9C/feed.atom" })
        {
            using var live = await site.GetAsync(path, Cancel);
            using var served = await client.GetAsync(path, Cancel);
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live.StatusCode, served.StatusCode));
            Assert.Equal(live.Content.Headers.ContentType, served.Content.Headers.ContentType);
            Assert.Equal(await live.Content.ReadAsByteArrayAsync(Cancel), await served.Content.ReadAsByteArrayAsync(Cancel));
        }
        Assert.True(File.Exists(Path.Combine(Export, "tags", "경제", "index.html")));
    }

    [Fact]
    public async Task Nginx_serves_a_media_file_with_the_live_etag_and_answers_if_none_match_as_the_site_does()
    {
        var nginxPath = ExternalTool.Require("nginx", "/usr/sbin/nginx");
        var photo = TestPictures.Jpeg(64, 48);
        using var content = ArticleShowing(photo);
        await using var factory = new ArticleSiteFactory { ContentFolder = content.Path };
        using var site = factory.CreateClient();
        using var nginx = await ServeExportWithNginxAsync(nginxPath, factory, site);
        using var client = nginx.Client();
        var url = TestPictures.MediaUrl(photo, "photo.jpg");
        var etag = $"\"{url.Split('/')[2]}\"";

        using var live = await site.GetAsync(url, Cancel);
        using var served = await client.GetAsync(url, Cancel);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live.StatusCode, served.StatusCode));
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(etag, live.Headers.ETag?.ToString());
        Assert.Equal(etag, served.Headers.ETag?.ToString());
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.ToString());
        Assert.Equal(live.Headers.CacheControl, served.Headers.CacheControl);
        Assert.Equal(live.Headers.GetValues("Content-Security-Policy"), served.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(served.Content.Headers.Contains("Last-Modified"));

        foreach (var (ifNoneMatch, expected) in new[]
        {
            (etag, HttpStatusCode.NotModified),
            ("W/" + etag, HttpStatusCode.NotModified),
            ($"\"0123\", {etag}", HttpStatusCode.NotModified),
            ("*", HttpStatusCode.NotModified),
            ("\"0123\"", HttpStatusCode.OK),
            ($"\"{new string('0', 32)}\"", HttpStatusCode.OK),
        })
        {
            foreach (var server in new[] { site, client })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
                request.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddYears(1);
                using var response = await server.SendAsync(request, Cancel);
                Assert.Equal((ifNoneMatch, expected), (ifNoneMatch, response.StatusCode));
                Assert.Equal(etag, response.Headers.ETag?.ToString());
            }
        }
    }

    [Fact]
    public async Task Nginx_serves_a_picture_variant_with_the_live_etag_of_its_bytes_and_answers_if_none_match()
    {
        var nginxPath = ExternalTool.Require("nginx", "/usr/sbin/nginx");
        var photo = TestPictures.Jpeg(600, 400);
        using var content = ArticleShowing(photo);
        await using var factory = new ArticleSiteFactory { ContentFolder = content.Path };
        using var site = factory.CreateClient();
        await factory.Services.GetRequiredService<PictureVariants>().WhenIdle.WaitAsync(Cancel);
        using var nginx = await ServeExportWithNginxAsync(nginxPath, factory, site);
        using var client = nginx.Client();
        var url = TestPictures.MediaUrl(photo, "photo-480.webp");

        using var live = await site.GetAsync(url, Cancel);
        using var served = await client.GetAsync(url, Cancel);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", live.Headers.ETag!.Tag } } };
        using var notModified = await client.SendAsync(revalidation, Cancel);

        Assert.Equal(await live.Content.ReadAsByteArrayAsync(Cancel), await served.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(live.Headers.ETag, served.Headers.ETag);
        Assert.False(served.Content.Headers.Contains("Last-Modified"));
        Assert.Equal((HttpStatusCode.NotModified, live.Headers.ETag), (notModified.StatusCode, notModified.Headers.ETag));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>A folder of one article showing <paramref name="photo"/>, as photo.jpg beside it.</summary>
    private static TemporaryContentFolder ArticleShowing(byte[] photo)
    {
        var content = new TemporaryContentFolder();
        content.WriteBytes("photo.jpg", photo);
        content.Write("a.md", TemporaryContentFolder.Article("Alpha", "2025-11-01", "![A photo](photo.jpg)"));
        return content;
    }

    /// <summary>Exports the factory's site as <see cref="ExportAsync"/> does, and serves the export with nginx and the export's own server block.</summary>
    private async Task<NginxProcess> ServeExportWithNginxAsync(string nginxPath, ArticleSiteFactory factory, HttpClient site)
    {
        var export = await ExportAsync(factory, site);
        var server = await File.ReadAllTextAsync(Path.Combine(export, StaticExport.NginxConfigFile), Cancel);
        return await NginxProcess.StartHttpAsync(nginxPath, work, port => server.Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal));
    }
}
