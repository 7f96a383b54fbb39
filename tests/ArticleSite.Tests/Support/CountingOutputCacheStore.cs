using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Tests.Support;

/// <summary>Wraps the real output-cache store and counts its hits and the keys it was given, so tests can see a response come from the cache.</summary>
public sealed class CountingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private readonly ConcurrentDictionary<string, byte> storedKeys = new(StringComparer.Ordinal);

    private int hits;

    public int Hits => Volatile.Read(ref hits);

    /// <summary>How many distinct keys entries were stored under.</summary>
    public int StoredKeys => storedKeys.Count;

    /// <summary>
    /// Sends a request and returns its response once the cache holds it. The output cache stores a response after its
    /// last byte has gone to the client: the next request on that connection waits for the store, but what a test does
    /// outside HTTP, such as emptying the cache, could come before it. Held means the same request is then a hit: counting
    /// stores would not do, as the store of an earlier test's last response may land meanwhile.
    /// </summary>
    public async Task<T> StoredAsync<T>(Func<Task<T>> send)
        where T : IDisposable
    {
        var response = await send();
        await Eventually.GetAsync(
            async () =>
            {
                var hitsBefore = Hits;
                using var again = await send();
                return Hits > hitsBefore;
            },
            hit => hit,
            "the response to be stored");
        return response;
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await inner.GetAsync(key, cancellationToken);
        if (entry is not null)
            Interlocked.Increment(ref hits);
        return entry;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        storedKeys.TryAdd(key, 0);
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        inner.EvictByTagAsync(tag, cancellationToken);
}
