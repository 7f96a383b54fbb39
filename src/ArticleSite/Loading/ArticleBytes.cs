using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ArticleSite.Loading;

/// <summary>Reads an article file's bytes within the size limit, and decodes them as UTF-8 or says exactly why not.</summary>
internal static class ArticleBytes
{
    /// <param name="limitName">The setting or constant that holds <paramref name="maxBytes"/>, as the problem names it.</param>
    /// <exception cref="ContentException">The file is not a regular file, is over the size limit, or cannot be read.</exception>
    public static byte[] Read(string fullPath, string path, long maxBytes, string limitName = "for one file (ContentLimits:MaxFileBytes)")
    {
        try
        {
            var (handle, status) = FileStatus.OpenForReading(fullPath);
            using (handle)
            {
                if (status.Kind != EntryKind.File)
                    throw new ContentException(path, "is no longer a regular file; not read");
                if (status.Size > maxBytes)
                    throw TooLarge(path, status.Size, maxBytes, limitName);

                // The file may grow while it is read: never read more than the limit and one byte.
                var buffer = new byte[Math.Min(status.Size, maxBytes) + 1];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
                    length += read;
                return length > maxBytes ? throw TooLarge(path, length, maxBytes, limitName) : buffer[..length];
            }
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new ContentException(path, $"cannot be read: {problem.Message}");
        }
    }

    /// <summary>The text of the file: UTF-8, a byte order mark removed.</summary>
    /// <exception cref="ContentException">The bytes are another encoding, or not text.</exception>
    public static string Decode(byte[] bytes, string path)
    {
        if (OtherEncoding(bytes) is { } encoding)
            throw new ContentException(path, $"is {encoding}; save it as UTF-8");
        var body = bytes.AsSpan(bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0);

        var nul = body.IndexOf((byte)0);
        if (nul >= 0)
            throw new ContentException(path, $"line {LineAt(body, nul)}: holds a NUL byte at byte {nul}: not a text file");

        var text = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            var status = Utf8.ToUtf16(body, text, out var valid, out var written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                throw new ContentException(path,
                    $"line {LineAt(body, valid)}: not valid UTF-8: byte 0x{body[valid]:X2} at byte {valid}; saved as Windows-1252 or Latin-1? Save it as UTF-8");
            }
            return new string(text, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>UTF-16 or UTF-32 by their byte order marks, or UTF-16 without one by its zero bytes between ASCII letters.</summary>
    private static string? OtherEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
            return "UTF-32 (little-endian, with a byte order mark)";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
            return "UTF-32 (big-endian, with a byte order mark)";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return "UTF-16 (little-endian, with a byte order mark)";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "UTF-16 (big-endian, with a byte order mark)";
        if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0)
            return "apparently UTF-16 (little-endian, without a byte order mark)";
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0)
            return "apparently UTF-16 (big-endian, without a byte order mark)";
        return null;
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    private static ContentException TooLarge(string path, long size, long maxBytes, string limitName) =>
        new(path, $"is {Size(size)}, over the limit of {Size(maxBytes)} {limitName}; not read");

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MiB"
        : $"{bytes:N0} bytes";
}
