using ArticleSite.Rendering;
using Microsoft.Extensions.Primitives;

namespace ArticleSite.Serving;

/// <summary>
/// The security headers of every response (pages, text, errors, 304s).
/// The values are built once: serving adds references, never strings.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Nothing loads but the page's own inline stylesheet (by its hash) and same-origin or data: images; the page may fetch
    /// from its own origin only, which no script can ever do (there is none), and which audits such as Lighthouse's
    /// robots.txt check need (docs/security.md).
    /// </summary>
    public static readonly StringValues ContentSecurityPolicy = string.Join("; ",
        "default-src 'none'",
        "connect-src 'self'",
        $"style-src {PageRenderer.StylesheetHashSource}",
        "img-src 'self' data:",
        "media-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'");

    /// <summary>
    /// A media file's own policy: an SVG opened by itself is a document that could run script or load anything; this
    /// lets it draw with its own styles and nothing else, in a sandbox.
    /// </summary>
    public static readonly StringValues MediaContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    /// <summary>A text page needs no device, sensor, payment or capture feature.</summary>
    public static readonly StringValues PermissionsPolicy = string.Join(", ",
        "accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "fullscreen=()", "geolocation=()",
        "gyroscope=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()", "publickey-credentials-get=()",
        "screen-wake-lock=()", "serial=()", "usb=()", "xr-spatial-tracking=()");

    /// <summary>Two years, the span HSTS preload lists ask for.</summary>
    public static readonly StringValues StrictTransportSecurity = "max-age=63072000";

    /// <summary>The headers every response carries, whatever the scheme; the static export's nginx block sends the same.</summary>
    public static readonly IReadOnlyList<(string Name, StringValues Value)> Always =
    [
        ("Content-Security-Policy", ContentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PermissionsPolicy),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-site"),
    ];

    /// <summary>
    /// Adds the headers as the response starts, after the output cache has taken its copy of the headers:
    /// cached entries then hold only what differs between responses, and a cache hit deserializes no copy of these.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(AddTo, context);
        return next(context);
    });

    private static Task AddTo(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        // A response that set its own policy (a media file's) keeps it.
        var ownPolicy = headers.ContentSecurityPolicy;
        foreach (var (name, value) in Always)
            headers[name] = value;
        if (ownPolicy.Count > 0)
            headers.ContentSecurityPolicy = ownPolicy;
        // Only over HTTPS: a browser ignores it on plain HTTP, and it must not pin a site that has no certificate.
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = StrictTransportSecurity;
        return Task.CompletedTask;
    }
}
