using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ArticleSite.Serving;

/// <summary>A short page for error statuses (404, 405 …), in text for clients that ask for text; never framework details.</summary>
internal static class StatusPages
{
    public static IApplicationBuilder UseStatusPages(this IApplicationBuilder app) => app.UseStatusCodePages(WriteAsync);

    private static Task WriteAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var status = response.StatusCode;
        var reason = ReasonPhrase(status);
        var wantsText = context.HttpContext.Request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
        // The page depends on Accept and Accept-Encoding, and a cache may keep a 404 or 410 without being told (RFC 9111
        // §4.2.2): it is told to keep them as long as a page, for an article published at that URL shows like an edit;
        // nothing else is kept.
        response.Headers.Vary = RepresentationResult.VaryNegotiated;
        response.Headers.CacheControl = status is StatusCodes.Status404NotFound or StatusCodes.Status410Gone
            ? context.HttpContext.RequestServices.GetRequiredService<IOptions<HttpCachingOptions>>().Value.ArticleCacheControl
            : "no-store";

        if (wantsText)
        {
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync($"{status} {reason}\n");
        }

        var snapshot = context.HttpContext.RequestServices.GetRequiredService<SitePublisher>().Current;
        // An error page goes out even to a client that excludes every coding: identity is the one it may read.
        var coding = EncodingNegotiation.Choose(context.HttpContext.Request.Headers.AcceptEncoding) ?? ContentCoding.Identity;
        return WritePageAsync(context.HttpContext, snapshot, status, reason, coding);
    }

    /// <summary>
    /// The page under the site's masthead, so a reader who followed a broken link can search or browse from it: the
    /// snapshot's bytes, rendered and compressed once, as every page is.
    /// </summary>
    private static async Task WritePageAsync(HttpContext context, SiteSnapshot snapshot, int status, string reason, ContentCoding coding)
    {
        var page = await snapshot.StatusPageAsync(status, reason);
        var body = await page.InAsync(coding, snapshot.Metrics);
        var response = context.Response;
        response.ContentType = page.ContentType;
        if (body.ContentEncoding is { } encoding)
            response.Headers.ContentEncoding = encoding;
        response.ContentLength = body.Bytes.Length;
        // Written for HEAD too, as every representation is: Kestrel drops it from the wire and keeps the Content-Length.
        await response.Body.WriteAsync(body.Bytes, context.RequestAborted);
    }

    private static string ReasonPhrase(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
