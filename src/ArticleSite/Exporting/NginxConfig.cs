using ArticleSite.Media;
using ArticleSite.Rendering;
using ArticleSite.Serving;

namespace ArticleSite.Exporting;

/// <summary>
/// The nginx server block that serves an export the way the live site serves it: only the site's URLs, each with its
/// exact media type, Cache-Control and security headers, and the precompressed siblings through gzip_static/brotli_static.
/// </summary>
internal static class NginxConfig
{
    /// <summary>The line to uncomment where nginx has the ngx_brotli module; the benchmark does so when it finds it.</summary>
    public const string BrotliLine = "# brotli_static on;";

    /// <param name="resources">Each URL path of the site, in order, and what it serves; the block sends its default representation.</param>
    /// <param name="caching">The live server's caching options, so both send the same Cache-Control.</param>
    /// <param name="media">The media files, each sent as the live site sends it: immutable, under its own security policy.</param>
    /// <param name="variantTags">The hash of each exported picture variant's bytes, by URL: its ETag, as the live site sends it.</param>
    /// <param name="searchUpstream">The origin of a live replica that answers <c>/search</c>; none: the export has no search.</param>
    /// <param name="config">Where the block is written as it is made: about 1 KB a URL, 416 MB at 100,000 articles, which a StringBuilder and its string held twice over in UTF-16.</param>
    public static void Write(TextWriter config, IEnumerable<KeyValuePair<string, ExportedUrl>> resources, MediaLibrary media, string origin, string root, HttpCachingOptions caching, IReadOnlyDictionary<string, string>? variantTags = null, string? searchUpstream = null)
    {
        var headers = SecurityHeaders.Always.Select(header => (header.Name, header.Value.ToString())).ToList();
        if (origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            headers.Add(("Strict-Transport-Security", SecurityHeaders.StrictTransportSecurity.ToString()));
        config.Write($$"""
            # Serves the ArticleSite export in {{root}} as the live site at {{origin}} serves it.
            # Include it in nginx's http block; set listen and server_name for your host.
            server {
                listen 80;
                server_name _;
                root {{root}};
                server_tokens off;
                etag on;
                # Keeps the files open instead of an open, fstat and close per request; a file that a new export
                # replaces is served within open_file_cache_valid.
                open_file_cache max=10000 inactive=60s;
                open_file_cache_valid 60s;
                gzip_static on;
                gzip_vary on;
                {{BrotliLine}}  # needs the ngx_brotli module (Debian: libnginx-mod-http-brotli-static)
                # Each URL below names its media type, so nginx guesses none from file extensions.
                types { }
                default_type application/octet-stream;

            """);

        foreach (var (urlPath, resource) in resources)
        {
            config.Write($"    location = {urlPath} {{\n");
            config.Write($"        default_type \"{resource.ContentType}\";\n");
            if (urlPath.EndsWith('/'))
                config.Write($"        try_files /{StaticExport.FileName(urlPath)} =404;\n");
            WriteHeaders(config, [("Cache-Control", caching.CacheControlFor(resource.Freshness)), .. headers]);
            config.Write("    }\n");
        }

        var mediaHeaders = headers.Select(header => SecurityHeaders.Media.FirstOrDefault(own => own.Name == header.Name) is { Name: not null } own ? (header.Name, own.Value.ToString()) : header).ToList();
        foreach (var file in media.Files.OrderBy(file => file.Hash, StringComparer.Ordinal))
        {
            config.Write($"    location = {SiteRoutes.Media(file)} {{\n");
            config.Write($"        default_type \"{file.Format.ContentType}\";\n");
            WriteMediaValidators(config, file.Hash);
            WriteHeaders(config, [("Cache-Control", HttpCachingOptions.ImmutableCacheControl), .. mediaHeaders]);
            config.Write("    }\n");
        }

        foreach (var variant in media.Files.SelectMany(PictureVariant.Of).OrderBy(variant => variant.Url, StringComparer.Ordinal))
        {
            config.Write($"    location = {variant.Url} {{\n");
            config.Write($"        default_type \"{variant.Format.ContentType}\";\n");
            if (variantTags?.GetValueOrDefault(variant.Url) is { } tag)
                WriteMediaValidators(config, tag);
            WriteHeaders(config, [("Cache-Control", HttpCachingOptions.ImmutableCacheControl), .. mediaHeaders]);
            config.Write("    }\n");
        }

        if (searchUpstream is not null)
        {
            // The replica answers with its own headers, Cache-Control and ETag included; it is told the public host.
            config.Write($"    location = {SiteRoutes.Search} {{\n        proxy_pass {searchUpstream};\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }}\n");
        }

        // Anything else, including the export's own files under other names (index.html, *.gz, nginx.conf), is not a URL of the site.
        config.Write("    location / {\n        return 404;\n");
        WriteHeaders(config, headers);
        config.Write("    }\n}\n");
    }

    /// <summary>
    /// The live site's validator for a media file or a picture variant, the hash of its bytes, in place of nginx's own (the file's time and size, which
    /// every export changes), and no <c>Last-Modified</c>, as the site sends none. nginx compares <c>If-None-Match</c>
    /// only with its own ETag, before <c>add_header</c> sets this one: the comparison is written out (weakly, a list
    /// or <c>*</c>, for GET and HEAD as the site does).
    /// </summary>
    private static void WriteMediaValidators(TextWriter config, string hash)
    {
        config.Write("        etag off;\n");
        config.Write("        if_modified_since off;\n");
        config.Write("        set $media_request \"$request_method $http_if_none_match\";\n");
        config.Write($"        if ($media_request ~ '^(GET|HEAD) (.*[ ,])?(W/)?\"{hash}\"([ ,]|$)|^(GET|HEAD) *\\* *$') {{ return 304; }}\n");
        WriteHeaders(config, [("ETag", $"\\\"{hash}\\\""), ("Last-Modified", "")]);
    }

    private static void WriteHeaders(TextWriter config, IEnumerable<(string Name, string Value)> headers)
    {
        foreach (var (name, value) in headers)
            config.Write($"        add_header {name} \"{value}\" always;\n");
    }
}

/// <summary>What the server block needs of an exported URL: the media type of its file and how long it may be kept.</summary>
internal readonly record struct ExportedUrl(string ContentType, Freshness Freshness);
