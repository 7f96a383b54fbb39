using System.Security.Cryptography;
using System.Text;
using ArticleSite.Rendering;

namespace ArticleSite.Exporting;

/// <summary>
/// The nginx server block that serves an export the way the live site serves it: only the site's URLs, each with its
/// exact media type, Cache-Control and security headers, and the precompressed siblings through gzip_static/brotli_static.
/// </summary>
public static class NginxConfig
{
    /// <summary>What the live site sends for an article resource (issue 4); the lead keeps one definition at merge.</summary>
    public const string ArticleCacheControl = "public, max-age=300, stale-while-revalidate=86400";

    /// <summary>The line to uncomment where nginx has the ngx_brotli module; the benchmark does so when it finds it.</summary>
    public const string BrotliLine = "# brotli_static on;";

    public static string For(RenderedSite site, string origin, string root)
    {
        var headers = SecurityHeaders(site, origin);
        var config = new StringBuilder();
        config.Append($$"""
            # Serves the ArticleSite export in {{root}} as the live site at {{origin}} serves it.
            # Include it in nginx's http block; set listen and server_name for your host.
            server {
                listen 80;
                server_name _;
                root {{root}};
                server_tokens off;
                etag on;
                gzip_static on;
                gzip_vary on;
                {{BrotliLine}}  # needs the ngx_brotli module (Debian: libnginx-mod-http-brotli-static)
                # Each URL below names its media type, so nginx guesses none from file extensions.
                types { }
                default_type application/octet-stream;

            """);

        foreach (var (urlPath, resource) in site.Resources.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            config.Append($"    location = {urlPath} {{\n");
            config.Append($"        default_type \"{resource.Representation.ContentType}\";\n");
            if (urlPath.EndsWith('/'))
                config.Append($"        try_files /{StaticExport.FileName(urlPath)} =404;\n");
            AppendHeaders(config, [("Cache-Control", ArticleCacheControl), .. headers]);
            config.Append("    }\n");
        }

        // Anything else, including the export's own files under other names (index.html, *.gz, nginx.conf), is not a URL of the site.
        config.Append("    location / {\n        return 404;\n");
        AppendHeaders(config, headers);
        config.Append("    }\n}\n");
        return config.ToString();
    }

    /// <summary>The headers of issue 7 on every response; mirrors the live site's list in Serving/SecurityHeaders.cs.</summary>
    public static IReadOnlyList<(string Name, string Value)> SecurityHeaders(RenderedSite site, string origin)
    {
        List<(string, string)> headers =
        [
            ("Content-Security-Policy", $"default-src 'none'; style-src 'self' {string.Join(' ', StyleHashes(site))}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-site"),
        ];
        if (origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            headers.Add(("Strict-Transport-Security", "max-age=63072000; includeSubDomains"));
        return headers;
    }

    // The inline stylesheets of the HTML pages, allowed by hash so that no other inline style runs.
    private static IEnumerable<string> StyleHashes(RenderedSite site) =>
        site.Resources
            .Where(entry => entry.Value.Representation.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            .SelectMany(entry => InlineStyles(Encoding.UTF8.GetString(entry.Value.Representation.Body)))
            .Select(style => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'")
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> InlineStyles(string html)
    {
        const string Open = "<style>", Close = "</style>";
        for (var start = html.IndexOf(Open, StringComparison.Ordinal); start >= 0; start = html.IndexOf(Open, start, StringComparison.Ordinal))
        {
            start += Open.Length;
            var end = html.IndexOf(Close, start, StringComparison.Ordinal);
            if (end < 0)
                yield break;
            yield return html[start..end];
        }
    }

    private static void AppendHeaders(StringBuilder config, IEnumerable<(string Name, string Value)> headers)
    {
        foreach (var (name, value) in headers)
            config.Append($"        add_header {name} \"{value}\" always;\n");
    }
}
