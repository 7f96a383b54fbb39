using ArticleSite.Operations;
using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>The outcome of negotiation for one request: the resource, and the representation and coding it gets (none: 406).</summary>
internal readonly record struct Selection(Resource Resource, Representation? Representation, EncodedBody? Body)
{
    /// <param name="metrics">Where a compression made for this request is counted.</param>
    public static async ValueTask<Selection> MakeAsync(Resource resource, string? accept, string? acceptEncoding, SiteMetrics metrics)
    {
        var index = resource.IsNegotiated ? MediaTypeNegotiation.Choose(accept, resource.MediaTypes) : 0;
        var coding = EncodingNegotiation.Choose(acceptEncoding);
        if (index < 0 || coding is null)
            return new Selection(resource, null, null);
        var representation = resource.Representations[index];
        return new Selection(resource, representation, await representation.InAsync(coding.Value, metrics));
    }
}
