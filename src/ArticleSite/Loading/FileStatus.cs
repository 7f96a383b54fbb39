using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ArticleSite.Loading;

/// <summary>What kind of entry a path names.</summary>
internal enum EntryKind
{
    File,
    Directory,
    SymbolicLink,
    NamedPipe,
    Socket,
    Device,
}

/// <summary>An entry's kind, identity (device and inode, zero where unknown: what tells a folder replaced at its path) and stamp.</summary>
internal readonly record struct EntryStatus(EntryKind Kind, ulong Device, ulong Inode, FileStamp Stamp)
{
    public long Size => Stamp.Size;
}

/// <summary>
/// Asks the C library what a path is. .NET's file APIs see a FIFO or a device as an ordinary file, and opening a FIFO
/// for reading blocks until something writes to it: the folder scan must know before it opens anything.
/// On Linux (x64, arm64) this is lstat/stat/fstat; elsewhere .NET's attributes, which cannot tell those kinds apart.
/// </summary>
internal static partial class FileStatus
{
    private const string LibC = "libc.so.6";

    private const int ReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK, the same on x64 and arm64

    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    /// <summary>O_NOFOLLOW, which differs: a symbolic link swapped in after the entry was listed is refused, not followed.</summary>
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    private const int TooManyLinks = 40; // ELOOP: what open says of a symbolic link with O_NOFOLLOW

    private static readonly bool Native = OperatingSystem.IsLinux() && ModeIndex() >= 0;

    /// <summary>The entry itself, a symbolic link as a link; null when nothing is there.</summary>
    /// <exception cref="IOException">The entry exists but cannot be examined, e.g. for lack of permission.</exception>
    public static EntryStatus? OfEntry(string path) => Native ? Interpret(Lstat(path, out var status), status, path) : Managed(path, followLink: false);

    /// <summary>What the path leads to, following symbolic links; null when nothing is there.</summary>
    public static EntryStatus? OfTarget(string path) => Native ? Interpret(Stat(path, out var status), status, path) : Managed(path, followLink: true);

    /// <summary>
    /// Opens a file for reading in a way that never blocks and never follows a symbolic link, and says what was opened:
    /// the entry may have changed since it was listed.
    /// </summary>
    /// <exception cref="IOException">Nothing is there, it is a symbolic link, or it cannot be opened.</exception>
    public static (SafeFileHandle Handle, EntryStatus Status) OpenForReading(string path)
    {
        if (!Native)
        {
            var handle = File.OpenHandle(path);
            return (handle, new EntryStatus(EntryKind.File, 0, 0, new FileStamp(path, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(path))));
        }

        var descriptor = Open(path, ReadOnlyNonBlocking | CloseOnExec | NoFollow);
        if (descriptor < 0)
            throw Marshal.GetLastPInvokeError() is var error && error == TooManyLinks ? new IOException(SymbolicLinkText) : new IOException(ErrorText(error));
        var opened = new SafeFileHandle(descriptor, ownsHandle: true);
        if (Fstat(descriptor, out var status) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            opened.Dispose();
            throw new IOException(ErrorText(error));
        }
        return (opened, FromBuffer(status, path));
    }

    /// <summary>
    /// The names in a folder as the file system holds them, as bytes: .NET decodes each name as UTF-8 and puts U+FFFD in
    /// place of a byte that is not, so a name such as Latin-1's "caf\xE9.md" comes back as a path nothing can open.
    /// Empty where this is not Linux, or the folder cannot be listed.
    /// </summary>
    public static List<byte[]> RawNames(string folder)
    {
        var names = new List<byte[]>();
        if (!Native)
            return names;
        var stream = OpenDirectory(folder);
        if (stream == IntPtr.Zero)
            return names;
        try
        {
            for (var entry = ReadDirectory(stream); entry != IntPtr.Zero; entry = ReadDirectory(stream))
            {
                var name = new List<byte>();
                for (var offset = NameOffset; Marshal.ReadByte(entry, offset) is var value and not 0; offset++)
                    name.Add(value);
                names.Add([.. name]);
            }
        }
        finally
        {
            _ = CloseDirectory(stream);
        }
        return names;
    }

    /// <summary>Where struct dirent's d_name starts, after d_ino, d_off, d_reclen and d_type: the same on x64 and arm64.</summary>
    private const int NameOffset = 19;

    private static EntryStatus? Interpret(int result, StatBuffer status, string path)
    {
        if (result == 0)
            return FromBuffer(status, path);
        var error = Marshal.GetLastPInvokeError();
        return error is NoSuchEntry or NotADirectory ? null : throw new IOException($"{path}: {ErrorText(error)}");
    }

    private static EntryStatus FromBuffer(StatBuffer status, string path)
    {
        var mode = (int)(status[ModeIndex()] & 0xF000);
        var kind = mode switch
        {
            0x8000 => EntryKind.File,
            0x4000 => EntryKind.Directory,
            0xA000 => EntryKind.SymbolicLink,
            0x1000 => EntryKind.NamedPipe,
            0xC000 => EntryKind.Socket,
            _ => EntryKind.Device, // character and block devices
        };
        // st_size and st_mtim (seconds, nanoseconds) sit at the same offsets on both: 48, 88 and 96.
        var lastWrite = DateTime.UnixEpoch.AddTicks(status[11] * TimeSpan.TicksPerSecond + status[12] / 100);
        return new EntryStatus(kind, (ulong)status[0], (ulong)status[1], new FileStamp(path, status[6], lastWrite));
    }

    /// <summary>Which 8-byte word of struct stat holds st_mode (in its low half): x64 has st_nlink before it, arm64 after.</summary>
    private static int ModeIndex() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 3,
        Architecture.Arm64 => 2,
        _ => -1,
    };

    private static EntryStatus? Managed(string path, bool followLink)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
            return null;
        if (info.LinkTarget is not null && !followLink)
            return new EntryStatus(EntryKind.SymbolicLink, 0, 0, new FileStamp(path, 0, info.LastWriteTimeUtc));
        return info is FileInfo file
            ? new EntryStatus(EntryKind.File, 0, 0, new FileStamp(path, file.Exists ? file.Length : 0, file.LastWriteTimeUtc))
            : new EntryStatus(EntryKind.Directory, 0, 0, new FileStamp(path, 0, info.LastWriteTimeUtc));
    }

    private const int NoSuchEntry = 2; // ENOENT

    private const int NotADirectory = 20; // ENOTDIR

    /// <summary>What <see cref="OpenForReading"/> says of a symbolic link.</summary>
    private const string SymbolicLinkText = "it is a symbolic link, which is not followed";

    private static string ErrorText(int error) => Marshal.GetPInvokeErrorMessage(error);

    [LibraryImport(LibC, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lstat(string path, out StatBuffer status);

    [LibraryImport(LibC, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out StatBuffer status);

    [LibraryImport(LibC, EntryPoint = "fstat", SetLastError = true)]
    private static partial int Fstat(int descriptor, out StatBuffer status);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDirectory(string path);

    [LibraryImport(LibC, EntryPoint = "readdir")]
    private static partial IntPtr ReadDirectory(IntPtr stream);

    [LibraryImport(LibC, EntryPoint = "closedir")]
    private static partial int CloseDirectory(IntPtr stream);

    /// <summary>Room for struct stat (144 bytes on x64, 128 on arm64), read as 8-byte words.</summary>
    [InlineArray(32)]
    private struct StatBuffer
    {
        private long word;
    }
}
