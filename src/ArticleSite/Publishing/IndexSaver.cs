using ArticleSite.Loading;
using ArticleSite.Searching;

namespace ArticleSite.Publishing;

/// <summary>
/// Brings the article index up to date after each publication, so that the next start takes every file published now
/// from it; the index saves on a thread of its own, and tries a failed save again later (<see cref="ArticleIndex"/>).
/// </summary>
/// <remarks>
/// A restart that took every file from the index has next to nothing to save, yet the save compares every file with
/// every row: beside the first request of a restart at 100,000 articles that was 430 of about 5,000 samples of CPU
/// (docs/benchmarks.md, Start-up at scale). That save waits until the site has sent its first response, or is stopped;
/// any later publication saves at once, with its own files.
/// </remarks>
internal sealed class IndexSaver(ContentLibrary library, FirstResponse firstResponse) : IDisposable
{
    private readonly Lock gate = new();

    /// <summary>The files of the save waiting for the first response; null when none waits.</summary>
    private IReadOnlyList<PublishedFile>? waiting;

    private bool firstPublication = true;

    /// <summary>Saves what the library publishes now; called before the next reading changes it, one publication at a time.</summary>
    public void SavePublished()
    {
        if (library.Index is not { } index)
            return;
        var files = library.Published();
        var unchangedRestart = firstPublication && library.TakenFromIndex == library.FileCount;
        firstPublication = false;
        lock (gate)
        {
            if (unchangedRestart && !firstResponse.Sent.IsCompleted)
            {
                waiting = files;
                firstResponse.Sent.ContinueWith(_ => SaveWaiting(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return;
            }
            // Saved under the lock, as the waiting save is: an older list never follows a newer one into the index.
            waiting = null;
            index.SaveLater(files);
        }
    }

    /// <summary>Starts the save that waits, if one does; the library, disposed after this, waits for it.</summary>
    public void Dispose() => SaveWaiting();

    private void SaveWaiting()
    {
        lock (gate)
        {
            if (waiting is { } files)
                library.Index?.SaveLater(files);
            waiting = null;
        }
    }
}
