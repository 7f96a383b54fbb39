using System.Net.Http.Headers;
using ArticleSite.Exporting;
using ArticleSite.Publishing;
using ArticleSite.Serving;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticleSite.Tests;

/// <summary>The static export: every file is what the live server sends for its URL, and a failed export says why.</summary>
public sealed class StaticExportTests : IDisposable
{
    private static readonly string[] FileAndSiblings = ["", ".br", ".gz"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string folder = Directory.CreateTempSubdirectory("articlesite-export-").FullName;

    [Fact]
    public async Task Every_exported_file_is_byte_for_byte_what_the_live_server_sends_for_its_url()
    {
        await using var factory = new ArticleSiteFactory();
        using var client = factory.CreateClient();
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
        var site = await snapshot.ForOriginAsync(origin);

        Assert.Equal(0, await new ExportCommand(folder, origin).RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), Caching(factory)));

        var resources = await site.RenderAllAsync();
        var expectedFiles = resources
            .SelectMany(resource => FileAndSiblings.Select(suffix => StaticExport.FileName(resource.Path) + suffix))
            .Append(StaticExport.NginxConfigFile);
        Assert.Equal(expectedFiles.Order(StringComparer.Ordinal), ExportedFiles().Order(StringComparer.Ordinal));

        foreach (var (urlPath, _) in resources)
        {
            var file = Path.Combine(folder, StaticExport.FileName(urlPath));
            var identity = await GetAsync(client, urlPath, "identity");
            Assert.Equal(await File.ReadAllBytesAsync(file, Cancel), identity.Body);
            await AssertSiblingIsTheLiveResponseAsync(client, urlPath, file + ".br", "br");
            await AssertSiblingIsTheLiveResponseAsync(client, urlPath, file + ".gz", "gzip");
        }
    }

    [Fact]
    public async Task With_no_precompress_each_url_is_one_file_with_the_live_bytes_and_no_compressed_siblings()
    {
        await using var factory = new ArticleSiteFactory();
        using var client = factory.CreateClient();
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
        var (command, _) = ExportCommand.Parse(["export", folder, "--origin", origin, "--no-precompress"]);

        Assert.Equal(0, await command!.RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), Caching(factory)));

        var resources = await (await snapshot.ForOriginAsync(origin)).RenderAllAsync();
        Assert.Equal(resources.Select(resource => StaticExport.FileName(resource.Path)).Append(StaticExport.NginxConfigFile).Order(StringComparer.Ordinal),
            ExportedFiles().Order(StringComparer.Ordinal));
        foreach (var (urlPath, _) in resources)
            Assert.Equal((await GetAsync(client, urlPath, "identity")).Body, await File.ReadAllBytesAsync(Path.Combine(folder, StaticExport.FileName(urlPath)), Cancel));
    }

    /// <summary>
    /// Exports a site whose article shows one 40 × 30 PNG, after <paramref name="afterRead"/> has done what it does to the
    /// content folder once the snapshot has read it; returns the picture's bytes and URL.
    /// </summary>
    private async Task<(byte[] Photo, string Url)> ExportWithPhotoAsync(Action<TemporaryContentFolder>? afterRead = null)
    {
        using var content = new TemporaryContentFolder();
        var photo = TestPictures.Png(40, 30);
        content.WriteBytes("photo.png", photo);
        content.Write("alpha.md", TemporaryContentFolder.Article("Alpha", "2025-11-01", "Text.\n\n![Photo](photo.png)"));
        await using var factory = new ArticleSiteFactory { ContentFolder = content.Path };
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
        afterRead?.Invoke(content);
        await new ExportCommand(folder, "https://news.example.org").RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), Caching(factory));
        return (photo, TestPictures.MediaUrl(photo, "photo.png"));
    }

    [Fact]
    public async Task Media_files_are_exported_at_their_urls_with_their_bytes_and_their_headers_in_the_server_block()
    {
        var (photo, url) = await ExportWithPhotoAsync();

        Assert.Equal(photo, await File.ReadAllBytesAsync(Path.Combine(folder, url.TrimStart('/')), Cancel));
        var config = await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel);
        var block = config[config.IndexOf($"location = {url} {{", StringComparison.Ordinal)..];
        block = block[..(block.IndexOf("    }", StringComparison.Ordinal) + 5)];
        Assert.Contains("default_type \"image/png\";", block, StringComparison.Ordinal);
        Assert.Contains("add_header Cache-Control \"public, max-age=31536000, immutable\" always;", block, StringComparison.Ordinal);
        Assert.Contains("add_header Content-Security-Policy \"default-src 'none'; style-src 'unsafe-inline'; sandbox\" always;", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_media_file_replaced_after_it_was_read_is_not_exported_under_its_old_hash()
    {
        var (_, url) = await ExportWithPhotoAsync(content => content.WriteBytes("photo.png", TestPictures.Png(40, 31)));

        // The URL names the first bytes; the second are not served under it, nor are the first, which are gone.
        Assert.False(File.Exists(Path.Combine(folder, url.TrimStart('/'))));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "media"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Without_origin_the_export_names_the_sites_base_URL_before_the_export_setting()
    {
        await using var factory = new ArticleSiteFactory();
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(ExportCommand.OriginSetting, "http://export.example")]).Build();

        await new ExportCommand(folder, Origin: null).RunAsync(snapshot, configuration, new ArticleSite.Rendering.SiteOptions { BaseUrl = "https://news.example.org/" }, Caching(factory));

        Assert.Equal("User-agent: *\nAllow: /\nDisallow: /search\n\nSitemap: https://news.example.org/sitemap.xml\n", await File.ReadAllTextAsync(Path.Combine(folder, "robots.txt"), Cancel));
    }

    [Fact]
    public async Task The_nginx_block_serves_each_url_with_the_live_media_type_and_nothing_else()
    {
        await using var factory = new ArticleSiteFactory();
        using var client = factory.CreateClient();
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;
        await new ExportCommand(folder, origin).RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), Caching(factory));

        var config = await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel);

        using var page = await client.GetAsync("/", Cancel);
        using var text = await client.GetAsync("/article.txt", Cancel);
        Assert.Contains($"location = / {{\n        default_type \"{page.Content.Headers.ContentType}\";\n        try_files /index.html =404;\n", config, StringComparison.Ordinal);
        Assert.Contains($"location = /article.txt {{\n        default_type \"{text.Content.Headers.ContentType}\";\n", config, StringComparison.Ordinal);
        Assert.Contains($"root {folder};", config, StringComparison.Ordinal);
        Assert.Contains("location / {\n        return 404;\n", config, StringComparison.Ordinal);
        Assert.Contains("gzip_static on;", config, StringComparison.Ordinal);
        Assert.Contains("open_file_cache max=10000 inactive=60s;", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_of_a_large_archive_writes_every_archive_page_and_child_sitemap_and_the_nginx_block_serves_them()
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 60; day++)
            content.Write($"day-{day}.md", TemporaryContentFolder.Article($"Day {day}", $"2025-10-{day % 30 + 1:00}", $"Body {day}.", $"slug: day-{day}\n"));
        await using var factory = new ArticleSiteFactory { ContentFolder = content.Path };
        var snapshot = factory.Services.GetRequiredService<SitePublisher>().Current;

        var exitCode = await new ExportCommand(folder, "https://news.example.org").RunAsync(
            snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions { SitemapUrlsPerFile = 40 }, Caching(factory));
        var config = await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel);

        Assert.Equal(0, exitCode);
        Assert.Contains("articles/index.html", ExportedFiles());
        Assert.Contains("articles/page/2/index.html", ExportedFiles());
        Assert.DoesNotContain("articles/page/3/index.html", ExportedFiles());
        Assert.Contains("sitemaps/1.xml", ExportedFiles());
        Assert.Contains("sitemaps/2.xml.gz", ExportedFiles());
        Assert.DoesNotContain("sitemaps/3.xml", ExportedFiles());
        Assert.Contains("location = /articles/page/2/ {\n        default_type \"text/html; charset=utf-8\";\n        try_files /articles/page/2/index.html =404;\n", config, StringComparison.Ordinal);
        Assert.Contains("location = /sitemaps/2.xml {\n        default_type \"application/xml; charset=utf-8\";\n", config, StringComparison.Ordinal);
        Assert.Contains("<loc>https://news.example.org/sitemaps/2.xml</loc>", await File.ReadAllTextAsync(Path.Combine(folder, "sitemap.xml"), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nginx_block_sends_the_Cache_Control_the_live_server_is_configured_with()
    {
        await using var factory = new ArticleSiteFactory();
        // The live server sends this setting (HttpBehaviourTests.The_article_Cache_Control_is_configurable).
        using var configured = factory.WithWebHostBuilder(builder => builder.UseSetting("Caching:ArticleCacheControl", "public, max-age=60"));
        var snapshot = configured.Services.GetRequiredService<SitePublisher>().Current;
        await new ExportCommand(folder, "http://example.org").RunAsync(snapshot, new ConfigurationBuilder().Build(), new ArticleSite.Rendering.SiteOptions(), Caching(configured));

        var config = await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel);

        Assert.Contains("location = /article.txt {\n        default_type \"text/plain; charset=utf-8\";\n        add_header Cache-Control \"public, max-age=60\" always;\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("max-age=300", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_command_writes_the_site_and_exits_with_zero_without_serving()
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export", folder, "--origin", "https://example.org");

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Empty(errorLines);
        Assert.Contains("article.txt.br", ExportedFiles());
        Assert.Contains("Strict-Transport-Security", await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_search_upstream_the_exported_pages_have_no_search_form_and_nginx_no_search()
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export", folder, "--origin", "https://example.org");

        Assert.Equal(0, (await process.ExitAsync()).ExitCode);

        Assert.DoesNotContain("role=\"search\"", await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.FileName("/")), Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain("/search", await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_search_upstream_the_exported_pages_have_the_form_and_nginx_sends_search_to_the_replica()
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export", folder, "--origin", "https://example.org", "--search-upstream", "http://127.0.0.1:5080");

        Assert.Equal(0, (await process.ExitAsync()).ExitCode);

        Assert.Contains("<form class=\"search-form\" role=\"search\"", await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.FileName("/")), Cancel), StringComparison.Ordinal);
        Assert.Contains("    location = /search {\n        proxy_pass http://127.0.0.1:5080;\n        proxy_set_header Host $host;\n", await File.ReadAllTextAsync(Path.Combine(folder, StaticExport.NginxConfigFile), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_into_a_folder_that_cannot_be_made_exits_with_one_line_naming_it()
    {
        var file = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", Cancel);
        var target = Path.Combine(file, "export");
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export", target);

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"ArticleSite cannot export to {target}: ", Assert.Single(errorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_of_content_that_cannot_be_published_exits_with_one_line_and_writes_nothing()
    {
        using var content = new TemporaryContentFolder();
        content.Write("broken.md", "Just text, no front matter.\n");
        var target = Path.Combine(folder, "export");
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export", target, "--content", content.Path);

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith("ArticleSite cannot start: broken.md: front matter has no 'title', and the body has no '# ' heading", Assert.Single(errorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task An_export_without_a_folder_exits_with_its_usage()
    {
        await using var process = SiteProcess.Start(RepositoryPaths.Root, "export");

        var (exitCode, errorLines) = await process.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("ArticleSite cannot export: usage: export DIR [--origin https://example.org] [--search-upstream http://replica:8080] [--no-precompress]", Assert.Single(errorLines));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private IEnumerable<string> ExportedFiles() =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file));

    private static HttpCachingOptions Caching(WebApplicationFactory<Program> factory) => factory.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value;

    /// <summary>The sibling is the very response, raw, that the live server sends when asked for that encoding alone.</summary>
    private static async Task AssertSiblingIsTheLiveResponseAsync(HttpClient client, string urlPath, string sibling, string encoding)
    {
        var served = await GetAsync(client, urlPath, encoding);
        Assert.Equal(encoding, served.ContentEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(sibling, Cancel), served.Body);
    }

    private static async Task<(byte[] Body, string? ContentEncoding)> GetAsync(HttpClient client, string urlPath, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, urlPath);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(Cancel), response.Content.Headers.ContentEncoding.SingleOrDefault());
    }
}
