namespace ArticleSite.Rendering;

/// <summary>
/// What one URL serves: its representations (the first is the default) and how fresh caches may keep it. No modification
/// date: a file's time is not the content's and differs between replicas, and a list page changes when any article goes,
/// so the strong ETags of the bytes are the only validators (docs/http.md, Validators).
/// </summary>
internal sealed class Resource
{
    public Resource(IReadOnlyList<Representation> representations, Freshness freshness = Freshness.Article)
    {
        if (representations.Count == 0)
            throw new ArgumentException("A resource needs at least one representation.", nameof(representations));
        Representations = representations;
        Freshness = freshness;
        MediaTypes = [.. representations.Select(representation => representation.MediaType)];
    }

    public Resource(Representation representation, Freshness freshness = Freshness.Article)
        : this([representation], freshness)
    {
    }

    public IReadOnlyList<Representation> Representations { get; }

    /// <summary>The media types on offer, in the order of preference.</summary>
    public IReadOnlyList<string> MediaTypes { get; }

    /// <summary>The default representation.</summary>
    public Representation Representation => Representations[0];

    /// <summary>True when the response depends on the request's Accept header.</summary>
    public bool IsNegotiated => Representations.Count > 1;

    public Freshness Freshness { get; }
}
