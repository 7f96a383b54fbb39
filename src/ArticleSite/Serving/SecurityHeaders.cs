using ArticleSite.Rendering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ArticleSite.Serving;

/// <summary>
/// The security headers of every response (pages, text, errors, 304s), and the one rule no response escapes: an error
/// is never stored. The values are built once: serving adds references, never strings.
/// </summary>
internal static class SecurityHeaders
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
        // The search form, in every page's masthead, sends its query to the site itself.
        "form-action 'self'",
        "frame-ancestors 'none'");

    /// <summary>
    /// A media file's own policy: an SVG opened by itself is a document that could run script or load anything; this
    /// lets it draw with its own styles and nothing else, in a sandbox.
    /// </summary>
    public static readonly StringValues MediaContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    /// <summary>
    /// What a media file sends in place of the page's policies: its own CSP, and CORP <c>cross-origin</c>, since the feed
    /// names pictures by absolute URL and a feed reader on another site must be able to show them (Chromium blocks a
    /// <c>same-site</c> resource there). Nothing in a media file is private: its URL is public and its bytes are the content's.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, StringValues Value)> Media =
    [
        ("Content-Security-Policy", MediaContentSecurityPolicy),
        ("Cross-Origin-Resource-Policy", "cross-origin"),
    ];

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

    /// <summary>Errors other than 404 and 410 (StatusPages.cs says why those two are kept) describe one request, not the resource.</summary>
    public static readonly StringValues ErrorCacheControl = "no-store";

    /// <summary>
    /// Adds the headers as the response starts, after the output cache has taken its copy of the headers:
    /// cached entries then hold only what differs between responses, and a cache hit deserializes no copy of these.
    /// </summary>
    /// <remarks>
    /// HSTS is decided by configuration alone, never by the request: only a site whose base URL is HTTPS has a
    /// certificate to pin, and a decision by the forwarded scheme would let a cache in front keep the answer to one
    /// scheme for the other (it would need <c>Vary: X-Forwarded-Proto</c>). A browser ignores it over plain HTTP.
    /// </remarks>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var pinned = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value.Origin?.StartsWith("https://", StringComparison.Ordinal) == true;
        Func<object, Task> add = pinned ? AddWithStrictTransportSecurity : AddTo;
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(add, context);
            return next(context);
        });
    }

    private static Task AddWithStrictTransportSecurity(object state)
    {
        ((HttpContext)state).Response.Headers.StrictTransportSecurity = StrictTransportSecurity;
        return AddTo(state);
    }

    private static Task AddTo(object state)
    {
        var response = ((HttpContext)state).Response;
        var headers = response.Headers;
        // A media file marks itself by setting its own policy, and gets the media set instead of the page's.
        var media = headers.ContentSecurityPolicy.Count > 0;
        foreach (var (name, value) in Always)
            headers[name] = value;
        if (media)
        {
            foreach (var (name, value) in Media)
                headers[name] = value;
        }
        if (response.StatusCode >= StatusCodes.Status400BadRequest && response.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status410Gone))
            headers.CacheControl = ErrorCacheControl;
        return Task.CompletedTask;
    }
}
