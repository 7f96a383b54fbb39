using ArticleSite.Rendering;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>Writes a rendered representation as it is: its bytes, media type and ETag; 304 when the client already has it.</summary>
public sealed class RepresentationResult(Representation representation) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = representation.ETag;

        if (EntityTagMatch.NoneMatchFails(httpContext.Request.Headers.IfNoneMatch.ToArray()!, representation.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = representation.ContentType;
        response.ContentLength = representation.Body.Length;
        // Written for HEAD too: Kestrel drops it from the wire, and the output cache then stores the true Content-Length.
        return response.Body.WriteAsync(representation.Body, httpContext.RequestAborted).AsTask();
    }
}
