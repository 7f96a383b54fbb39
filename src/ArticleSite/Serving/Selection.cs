using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>The outcome of negotiation for one request: the resource, and the representation and coding it gets (none: 406).</summary>
public sealed record Selection(Resource Resource, Representation? Representation, EncodedBody? Body)
{
    public static async ValueTask<Selection> MakeAsync(Resource resource, string? accept, string? acceptEncoding)
    {
        var index = resource.IsNegotiated ? MediaTypeNegotiation.Choose(accept, resource.MediaTypes) : 0;
        var coding = EncodingNegotiation.Choose(acceptEncoding);
        if (index < 0 || coding is null)
            return new Selection(resource, null, null);
        var representation = resource.Representations[index];
        return new Selection(resource, representation, await representation.InAsync(coding.Value));
    }

    /// <summary>
    /// The selection for this request in the snapshot, made once and shared by the output-cache policy and the endpoint; null for an unknown path.
    /// Kept as a request feature: Kestrel reuses a connection's feature slots, where Items would be a new dictionary per request.
    /// </summary>
    public static async ValueTask<Selection?> ForAsync(HttpContext context, SiteSnapshot snapshot, PublicOrigin origin)
    {
        if (context.Features.Get<Selection>() is { } made)
            return made;

        var request = context.Request;
        var site = await origin.RenderingFor(request, snapshot);
        if (site.Find(request.Path.Value ?? "/") is not { } resource)
            return null;
        var selection = await MakeAsync(await resource, request.Headers.Accept.ToString(), request.Headers.AcceptEncoding is { Count: > 0 } codings ? codings.ToString() : null);
        context.Features.Set(selection);
        return selection;
    }
}
