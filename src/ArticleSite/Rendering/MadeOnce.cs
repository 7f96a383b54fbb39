namespace ArticleSite.Rendering;

/// <summary>
/// A value made once, on the thread pool, when it is first asked for; whoever asks while it is being made shares the
/// making. Requests are served on the socket threads, which must never wait for rendering, compression or a file.
/// </summary>
internal sealed class MadeOnce<T>(Func<Task<T>> make)
{
    private readonly Lazy<Task<T>> making = new(() => Task.Run(make));

    /// <summary>The value, made now if nobody asked for it before.</summary>
    public Task<T> Value => making.Value;

    /// <summary>The value if someone asked for it already; else one made now for this caller alone, and not kept.</summary>
    public Task<T> ValueOrMadeUnkept() => making.IsValueCreated ? making.Value : Task.Run(make);

    /// <summary>True once it has been asked for and made.</summary>
    public bool IsMade => making is { IsValueCreated: true, Value.IsCompletedSuccessfully: true };
}
