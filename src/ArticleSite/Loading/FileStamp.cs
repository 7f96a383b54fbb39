namespace ArticleSite.Loading;

/// <summary>
/// A file as it was when read: where it is, its size and its last write time. A file whose stamp is unchanged is taken
/// to be unchanged, and not read again; one whose stamp differs, or that appeared or went, is.
/// </summary>
/// <param name="FullPath">The path the file was read at.</param>
/// <param name="Size">In bytes; <see cref="Missing"/> when nothing was there, <see cref="Unreadable"/> when it could not be examined.</param>
public readonly record struct FileStamp(string FullPath, long Size, DateTime LastWriteUtc)
{
    public const long Missing = -1;

    public const long Unreadable = -2;

    /// <summary>What is at <paramref name="fullPath"/> now (a symbolic link as a link, not followed), found or not.</summary>
    internal static FileStamp Of(string fullPath)
    {
        try
        {
            return FileStatus.OfEntry(fullPath)?.Stamp ?? new FileStamp(fullPath, Missing, default);
        }
        catch (IOException)
        {
            return new FileStamp(fullPath, Unreadable, default);
        }
    }
}

/// <summary>A file as the library last read it: the article it publishes (its last good version) and its current problem, if any.</summary>
/// <param name="FromIndex">Taken from the article index at start-up: published by the run before.</param>
internal sealed record FileState(FileStamp Stamp, Article? Good, ContentException? Problem, bool FromIndex = false);
