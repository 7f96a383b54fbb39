using System.Runtime;

namespace ArticleSite.Publishing;

/// <summary>
/// Garbage collections that block rather than run in the background, while the first snapshot is made: it makes the
/// objects of every article, and nearly all of them live on, so a background collection beside it would only mark them
/// again and again. Disposing puts the latency mode back.
/// </summary>
internal sealed class BatchCollections : IDisposable
{
    private readonly GCLatencyMode before;

    private BatchCollections(GCLatencyMode before) => this.before = before;

    public static BatchCollections Begin()
    {
        var before = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        return new BatchCollections(before);
    }

    public void Dispose() => GCSettings.LatencyMode = before;
}
