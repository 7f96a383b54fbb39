using System.Security.Cryptography;
using ArticleSite.Loading;

namespace ArticleSite.Media;

/// <summary>
/// A picture's bytes as its hash names them, copied once for its variants to be encoded from: the file is opened once,
/// by a handle that neither follows a symbolic link nor waits on a pipe, and its bytes are hashed as they are copied.
/// libvips reads the copy, never the path, so a variant is always of the picture whose hash names it, however the file
/// changed while it waited its turn. The copy is deleted when this is disposed.
/// </summary>
internal sealed class OriginalPicture : IDisposable
{
    /// <summary>Enough for any header with its Exif block before the frame size, as the media references read it.</summary>
    private const int HeadBytes = 256 * 1024;

    private OriginalPicture(MediaFile file, string path)
    {
        File = file;
        Path = path;
    }

    public MediaFile File { get; }

    /// <summary>The copy's path.</summary>
    public string Path { get; }

    /// <summary>Copies <paramref name="file"/>'s bytes into <paramref name="folder"/>, checking that they are those its hash names.</summary>
    /// <exception cref="PictureChangedException">What the path holds now is not those bytes: replaced, a link, a pipe, gone.</exception>
    /// <exception cref="IOException">The copy cannot be written.</exception>
    public static OriginalPicture CopyOf(MediaFile file, string folder)
    {
        // Named by writer, never at random: replicas may share the cache folder, and a container may have no /dev/urandom.
        var copy = System.IO.Path.Combine(folder, $"{file.Hash}.{Environment.MachineName}-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.original");
        try
        {
            CopyVerified(file, copy);
            return new OriginalPicture(file, copy);
        }
        catch
        {
            System.IO.File.Delete(copy);
            throw;
        }
    }

    private static void CopyVerified(MediaFile file, string copy)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        EntryStatus status;
        try
        {
            (handle, status) = FileStatus.OpenForReading(file.FullPath);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new PictureChangedException($"cannot be read now: {problem.Message}");
        }
        using (handle)
        {
            if (status.Kind != EntryKind.File)
                throw new PictureChangedException($"is now {Describe(status.Kind)}, not a regular file");
            if (status.Size != file.Length)
                throw new PictureChangedException("has changed since it was read");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var target = new FileStream(copy, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            var buffer = new byte[1024 * 1024];
            long offset = 0;
            int read;
            // One byte more than it had: a file grown since is found.
            while (offset <= file.Length && (read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                offset += read;
            }
            if (offset != file.Length || !MediaHash.Named(hash.GetHashAndReset()).Equals(file.Hash, StringComparison.Ordinal))
                throw new PictureChangedException("has changed since it was read");
        }
    }

    /// <summary>Refuses a picture whose decode would hold more than <paramref name="maxDecodeBytes"/> at once, by what its header declares.</summary>
    /// <exception cref="PictureOverBudgetException">It would.</exception>
    public void CheckBudget(long maxDecodeBytes)
    {
        var head = new byte[(int)Math.Min(File.Length, HeadBytes)];
        using (var copy = System.IO.File.OpenHandle(Path))
            head = head[..RandomAccess.Read(copy, head, 0)];
        var (wholeFrame, shape) = ImageHeader.WholeFrameOf(File.Format, head);
        if (wholeFrame > maxDecodeBytes)
            throw new PictureOverBudgetException($"{shape} is decoded whole, in {Mebibytes(wholeFrame)}, over the limit of {Mebibytes(maxDecodeBytes)} (Media:MaxDecodeBytes)");
    }

    public void Dispose() => System.IO.File.Delete(Path);

    private static string Mebibytes(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MiB";

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.NamedPipe => "a named pipe (FIFO)",
        EntryKind.Directory => "a folder",
        EntryKind.Socket => "a socket",
        _ => "a device",
    };
}

/// <summary>A picture's file no longer holds the bytes its hash names; the message ends a sentence that starts with its path.</summary>
internal sealed class PictureChangedException(string message) : Exception(message);

/// <summary>Decoding a picture would hold more memory than its budget allows; the message says how much and why.</summary>
internal sealed class PictureOverBudgetException(string message) : Exception(message);
