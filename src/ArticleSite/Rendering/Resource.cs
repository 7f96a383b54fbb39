namespace ArticleSite.Rendering;

/// <summary>What one URL serves: its representation, rendered at most once, and when its content last changed.</summary>
public sealed class Resource(Lazy<Task<Representation>> representation, DateTimeOffset lastModified)
{
    public Resource(Representation representation, DateTimeOffset lastModified)
        : this(new Lazy<Task<Representation>>(Task.FromResult(representation)), lastModified)
    {
    }

    /// <summary>Made on the first request that needs it, then kept for the life of the snapshot.</summary>
    public Resource(Func<Task<Representation>> render, DateTimeOffset lastModified)
        : this(new Lazy<Task<Representation>>(render), lastModified)
    {
    }

    public Task<Representation> RepresentationAsync() => representation.Value;

    public DateTimeOffset LastModified { get; } = lastModified;
}
