using ArticleSite.Loading;
using Microsoft.Extensions.Time.Testing;

namespace ArticleSite.Tests.Support;

/// <summary>
/// The content library of a folder on a clock the test moves, read as the publisher reads it: the whole folder at start,
/// then the paths the watcher names, then nothing named when the settle timer asks again. No server, no real waiting.
/// </summary>
internal sealed class FakeClockLibrary : IDisposable
{
    /// <summary>Where the writer's saves are dated from: later than the fake clock's now, as a file written now is.</summary>
    private static readonly DateTime SavedFrom = new(2025, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private FakeClockLibrary(string folder, TimeSpan settleTime) =>
        Library = new ContentLibrary(folder, new ContentLimits(), RawHtml.Sanitize, settleTime, Clock);

    /// <summary>Starts at 1 January 2000, before any file's own time.</summary>
    public FakeTimeProvider Clock { get; } = new();

    public ContentLibrary Library { get; }

    /// <summary>The library once it has read the whole folder, as at start-up.</summary>
    public static async Task<FakeClockLibrary> StartAsync(string folder, TimeSpan settleTime)
    {
        var library = new FakeClockLibrary(folder, settleTime);
        await library.Library.ReadAsync(FolderChanges.ListWholeFolder, waitForAll: true);
        return library;
    }

    /// <summary>The reading after the watcher named <paramref name="fullPath"/>, written in place or renamed into place.</summary>
    public Task<LibraryRead> ReadNamedAsync(string fullPath, bool renamedIn = false) =>
        Library.ReadAsync(new FolderChanges(new HashSet<string> { fullPath }, renamedIn ? new HashSet<string> { fullPath } : new HashSet<string>(), WholeFolder: false));

    /// <summary>The settle timer's reading: nothing named, the files still settling looked at again.</summary>
    public Task<LibraryRead> RecheckAsync() =>
        Library.ReadAsync(new FolderChanges(new HashSet<string>(), new HashSet<string>(), WholeFolder: false));

    /// <summary>Gives the file the time of the writer's <paramref name="save"/>-th save, 100 ms apart as a real writer's are.</summary>
    public static void DateSave(string file, int save) => File.SetLastWriteTimeUtc(file, SavedFrom.AddMilliseconds(100 * save));

    public static string TitleOf(LibraryRead read, string slug) => read.Reading.Articles.Single(article => article.Metadata.Slug == slug).Metadata.Title;

    public void Dispose() => Library.Dispose();
}
