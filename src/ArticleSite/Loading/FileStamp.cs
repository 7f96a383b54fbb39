namespace ArticleSite.Loading;

/// <summary>A file's size and last write time: a file whose stamp is unchanged is taken to be unchanged, and not read again.</summary>
internal readonly record struct FileStamp(long Size, DateTime LastWriteUtc);

/// <summary>A file as the library last read it: the article it publishes (its last good version) and its current problem, if any.</summary>
/// <param name="FromIndex">Taken from the article index at start-up: published by the run before.</param>
internal sealed record FileState(FileStamp Stamp, Article? Good, ContentException? Problem, bool FromIndex = false);
