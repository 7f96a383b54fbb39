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
        // The page depends on Accept, and a cache may keep a 404 or 410 without being told (RFC 9111 §4.2.2): it is told
        // to keep them as long as a page, for an article published at that URL shows like an edit; nothing else is kept.
        response.Headers.Vary = "Accept";
        response.Headers.CacheControl = status is StatusCodes.Status404NotFound or StatusCodes.Status410Gone
            ? context.HttpContext.RequestServices.GetRequiredService<IOptions<HttpCachingOptions>>().Value.ArticleCacheControl
            : "no-store";

        if (wantsText)
        {
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync($"{status} {reason}\n");
        }

        response.ContentType = "text/html; charset=utf-8";
        return WritePageAsync(response, status, reason, context.HttpContext.RequestServices.GetRequiredService<SitePublisher>().Current.Identity);
    }

    /// <summary>The page under the site's masthead, so a reader who followed a broken link can search or browse from it.</summary>
    private static async Task WritePageAsync(HttpResponse response, int status, string reason, SiteIdentity site) =>
        await response.WriteAsync(await PageRenderer.RenderStatusAsync(status, reason, site));

    private static string ReasonPhrase(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
