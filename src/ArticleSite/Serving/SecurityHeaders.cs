using ArticleSite.Rendering;
using Microsoft.Extensions.Primitives;

namespace ArticleSite.Serving;

/// <summary>
/// The security headers of every response (pages, text, errors, 304s), set before anything else writes the response.
/// The values are built once: serving adds references, never strings.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Nothing loads but the page's own inline stylesheet (by its hash) and same-origin or data: images.</summary>
    public static readonly StringValues ContentSecurityPolicy = string.Join("; ",
        "default-src 'none'",
        $"style-src {PageRenderer.StylesheetHashSource}",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'");

    /// <summary>A text page needs no device, sensor, payment or capture feature.</summary>
    public static readonly StringValues PermissionsPolicy = string.Join(", ",
        "accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "fullscreen=()", "geolocation=()",
        "gyroscope=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()", "publickey-credentials-get=()",
        "screen-wake-lock=()", "serial=()", "usb=()", "xr-spatial-tracking=()");

    /// <summary>Two years, the span HSTS preload lists ask for.</summary>
    public static readonly StringValues StrictTransportSecurity = "max-age=63072000";

    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues StrictOriginWhenCrossOrigin = "strict-origin-when-cross-origin";
    private static readonly StringValues SameOrigin = "same-origin";
    private static readonly StringValues SameSite = "same-site";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = StrictOriginWhenCrossOrigin;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = SameOrigin;
        headers["Cross-Origin-Resource-Policy"] = SameSite;
        // Only over HTTPS: a browser ignores it on plain HTTP, and it must not pin a site that has no certificate.
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = StrictTransportSecurity;
        return next(context);
    });
}
