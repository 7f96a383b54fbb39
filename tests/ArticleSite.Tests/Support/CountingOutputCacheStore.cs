using Microsoft.AspNetCore.OutputCaching;

namespace ArticleSite.Tests.Support;

/// <summary>Wraps the real output-cache store and counts its hits, so tests can see a response come from the cache.</summary>
public sealed class CountingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private readonly Lock gate = new();
    private int hits;
    private int misses;
    private int stores;
    private TaskCompletionSource nextStore = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Hits => Volatile.Read(ref hits);

    /// <summary>
    /// Sends a request and returns its response once the cache holds it. The output cache stores a response after its
    /// last byte has gone to the client: the next request on that connection waits for the store, but what a test does
    /// outside HTTP, such as emptying the cache, could come before it.
    /// </summary>
    public async Task<T> StoredAsync<T>(Func<Task<T>> send)
    {
        int missesBefore, storesBefore;
        lock (gate)
            (missesBefore, storesBefore) = (misses, stores);
        var response = await send();
        if (Volatile.Read(ref misses) > missesBefore)
            await StoresReachAsync(storesBefore + 1);
        return response;
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await inner.GetAsync(key, cancellationToken);
        Interlocked.Increment(ref entry is null ? ref misses : ref hits);
        return entry;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        TaskCompletionSource stored;
        lock (gate)
        {
            stores++;
            (stored, nextStore) = (nextStore, new(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        stored.SetResult();
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        inner.EvictByTagAsync(tag, cancellationToken);

    private async Task StoresReachAsync(int count)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (stores >= count)
                    return;
                next = nextStore.Task;
            }
            await next.WaitAsync(Eventually.Deadline, TestContext.Current.CancellationToken);
        }
    }
}
