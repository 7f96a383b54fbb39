namespace ArticleSite.Rendering;

/// <summary>What one URL serves: its representations (the first is the default), how fresh caches may keep it, and when its content last changed.</summary>
public sealed class Resource
{
    public Resource(IReadOnlyList<Representation> representations, DateTimeOffset lastModified, Freshness freshness = Freshness.Article)
    {
        if (representations.Count == 0)
            throw new ArgumentException("A resource needs at least one representation.", nameof(representations));
        Representations = representations;
        // HTTP dates have whole seconds: dropping the rest makes If-Modified-Since with our own Last-Modified match.
        LastModified = new DateTimeOffset(lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        LastModifiedHeader = LastModified.ToString("R");
        Freshness = freshness;
        MediaTypes = [.. representations.Select(representation => representation.MediaType)];
    }

    public Resource(Representation representation, DateTimeOffset lastModified, Freshness freshness = Freshness.Article)
        : this([representation], lastModified, freshness)
    {
    }

    public IReadOnlyList<Representation> Representations { get; }

    /// <summary>The media types on offer, in the order of preference.</summary>
    public IReadOnlyList<string> MediaTypes { get; }

    /// <summary>The default representation.</summary>
    public Representation Representation => Representations[0];

    /// <summary>True when the response depends on the request's Accept header.</summary>
    public bool IsNegotiated => Representations.Count > 1;

    public DateTimeOffset LastModified { get; }

    /// <summary>The Last-Modified header value (RFC 1123).</summary>
    public string LastModifiedHeader { get; }

    public Freshness Freshness { get; }
}
