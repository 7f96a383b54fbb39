using System.Runtime.InteropServices;

namespace ArticleSite.Rendering;

/// <summary>
/// Brotli at quality 11 allocates large native buffers for each body it compresses, and frees them when done.
/// glibc's malloc raises its mmap threshold to the size of the largest block freed, so from then on those buffers come
/// from the C heap, which keeps them: with the article republished every 200 ms, RSS rose by 30-60 MB (docs/benchmarks.md, Soak run).
/// With the threshold fixed at glibc's default, each large buffer keeps its own mapping and goes back to the system when freed.
/// </summary>
internal static class CompressionMemory
{
    /// <summary>M_MMAP_THRESHOLD in glibc's malloc.h.</summary>
    private const int MmapThreshold = -3;

    private const int DefaultThreshold = 128 * 1024;

    /// <summary>True when the C library took the setting.</summary>
    public static bool ReturnToSystemWhenFreed()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return Mallopt(MmapThreshold, DefaultThreshold) == 1;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for one): its allocator has no such threshold to fix.
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
