using Microsoft.AspNetCore.Http.Features;

namespace ArticleSite.Serving;

/// <summary>The site reads no request content: a GET or HEAD that carries some is refused before it reaches an endpoint.</summary>
public static class RequestBodies
{
    public static IApplicationBuilder RejectRequestBodies(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Other methods go on to the 405 that names the allowed ones, which tells the client more.
        var readMethod = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (!readMethod || !HasContent(context))
            return next(context);

        // 413 Content Too Large: the limit is zero bytes. Closing spares Kestrel draining content nobody wants.
        context.Response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    });

    public static bool HasContent(HttpContext context) => context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true };
}
