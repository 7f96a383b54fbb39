namespace ArticleSite.Rendering;

/// <summary>What one URL serves: its representation, and when its content last changed.</summary>
public sealed class Resource(Representation representation, DateTimeOffset lastModified)
{
    public Representation Representation { get; } = representation;

    public DateTimeOffset LastModified { get; } = lastModified;
}
