using Microsoft.AspNetCore.Http.Features;

namespace ArticleSite.Serving;

/// <summary>
/// The site reads no request content: a GET or HEAD that carries some is refused before it reaches an endpoint, and the
/// connection of any request with content is closed after the answer, which says so.
/// </summary>
internal static class RequestBodies
{
    public static IApplicationBuilder RejectRequestBodies(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!HasContent(context))
            return next(context);
        if (!ReadMethods.Allows(context.Request.Method))
        {
            // Other methods go on to the 405 that names the allowed ones, which tells the client more. Kestrel will not
            // drain the unread content (the body limit is zero) and closes the connection: Connection: close tells the
            // client before it sends its next request there.
            context.Response.Headers.Connection = "close";
            return next(context);
        }

        // 413 Content Too Large: the limit is zero bytes. Closing spares Kestrel draining content nobody wants.
        context.Response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    });

    public static bool HasContent(HttpContext context) => context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true };
}
