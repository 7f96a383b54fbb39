using ArticleSite.Loading;
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
        var site = await origin.UrlTableFor(request, snapshot);
        if (site.Find(request.Path.Value ?? "/") is not { } resource)
            return null;
        Resource found;
        try
        {
            found = await resource;
        }
        catch (ArticleChangedException)
        {
            context.Features.Set(BodyUnavailable.Instance);
            return null;
        }
        var selection = await MakeAsync(found, request.Headers.Accept.ToString(), request.Headers.AcceptEncoding is { Count: > 0 } codings ? codings.ToString() : null);
        context.Features.Set(selection);
        return selection;
    }
}

/// <summary>
/// Marks a request for an article whose file changed since the snapshot was published, and whose bodies are not in
/// memory: it waits for the next snapshot, which publishes the file's new version, or, for a version with a problem,
/// keeps the article as it was; where even that one cannot be rendered, the answer is 503 until the file is fixed.
/// </summary>
public sealed class BodyUnavailable
{
    public static BodyUnavailable Instance { get; } = new();

    /// <summary>How long a request waits for the next snapshot: a save is published once it has settled (<see cref="ContentOptions.SettleTime"/>), well within it.</summary>
    public static readonly TimeSpan WaitForNextSnapshot = TimeSpan.FromSeconds(5);

    /// <summary>A writer fixes a file in minutes; a client asks again after one.</summary>
    public const int RetryAfterSeconds = 60;
}
