using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Tests.Support;

/// <summary>Wraps the real output-cache store and counts its hits, so tests can see a response come from the cache.</summary>
public sealed class CountingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private int hits;

    public int Hits => hits;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await inner.GetAsync(key, cancellationToken);
        if (entry is not null)
            Interlocked.Increment(ref hits);
        return entry;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, tags, validFor, cancellationToken);

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        inner.EvictByTagAsync(tag, cancellationToken);
}
