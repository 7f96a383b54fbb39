using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>
/// Writes the selected representation as rendered: stored bytes and precomputed headers; 304 when the client's copy is
/// current, 412 when it asked for another one, 206/416 for a Range, 406 when nothing on offer is acceptable.
/// </summary>
internal sealed class RepresentationResult(Selection selection, string cacheControl) : IResult
{
    /// <summary>The Vary of a resource negotiated on Accept: its bodies differ by both headers.</summary>
    public const string VaryNegotiated = "Accept, Accept-Encoding";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var resource = selection.Resource;
        response.Headers.Vary = resource.IsNegotiated ? VaryNegotiated : HeaderNames.AcceptEncoding;
        response.Headers.CacheControl = cacheControl;

        if (selection is not { Representation: { } representation, Body: { } body })
        {
            response.StatusCode = StatusCodes.Status406NotAcceptable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"406 Not Acceptable\nAvailable: {string.Join(", ", resource.MediaTypes)}\nEncodings: br, gzip, identity\n", httpContext.RequestAborted);
            return;
        }

        response.Headers.ETag = body.ETag;
        switch (Preconditions.Evaluate(request.Headers.IfMatch, request.Headers.IfNoneMatch, body.ETag))
        {
            case PreconditionOutcome.Failed:
                response.StatusCode = StatusCodes.Status412PreconditionFailed;
                return;
            case PreconditionOutcome.NotModified:
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
        }

        response.ContentType = representation.ContentType;
        if (body.ContentEncoding is { } coding)
            response.Headers.ContentEncoding = coding;
        response.Headers.AcceptRanges = "bytes";

        var length = body.Bytes.Length;
        // Range means nothing for HEAD (RFC 9110 §14.2), so HEAD always mirrors the whole GET.
        var range = HttpMethods.IsGet(request.Method)
            ? ByteRanges.Evaluate(request.Headers.Range.ToString(), request.Headers.IfRange.ToString(), body.ETag, length)
            : RangeOutcome.Whole;

        switch (range.Kind)
        {
            case RangeOutcomeKind.Unsatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");
                response.ContentLength = 0;
                return;
            case RangeOutcomeKind.Partial:
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{length}");
                response.ContentLength = range.Length;
                await response.Body.WriteAsync(body.Bytes.AsMemory((int)range.Start, (int)range.Length), httpContext.RequestAborted);
                return;
            default:
                response.ContentLength = length;
                // Written for HEAD too: Kestrel drops it from the wire, and the output cache then stores the true Content-Length.
                await response.Body.WriteAsync(body.Bytes, httpContext.RequestAborted);
                return;
        }
    }
}
