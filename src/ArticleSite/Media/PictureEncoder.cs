using NetVips;

namespace ArticleSite.Media;

/// <summary>
/// Makes a <see cref="PictureVariant"/>'s file with libvips: turned upright by its EXIF orientation, converted to sRGB from
/// its colour profile (a wide-gamut photo keeps its colours), shrunk to the variant's width, and saved with no metadata
/// (no EXIF, GPS position or profile: sRGB is what a browser assumes).
/// </summary>
internal static class PictureEncoder
{
    /// <summary>
    /// AVIF at libvips's default quality (50) and effort (4): a lower effort saves encoding time and sends more bytes,
    /// and a copy is encoded once and sent many times.
    /// </summary>
    private const int AvifQuality = 50;
    private const int AvifEffort = 4;

    /// <summary>WebP at the quality libvips and cwebp default to.</summary>
    private const int WebPQuality = 75;

    /// <summary>
    /// True when libvips loads and can write AVIF and WebP; false (the pictures are then served as they are) otherwise.
    /// Loads libvips the first time it is read, never before: a site with no picture to make smaller never loads it.
    /// </summary>
    public static bool IsAvailable => Availability.Value;

    private static readonly Lazy<bool> Availability = new(CheckAvailable);

    /// <summary>
    /// Writes the variant to <paramref name="target"/>, copied from <paramref name="cacheFolder"/> when it was made before
    /// (and kept there when it is made now): the static export, which makes what the live site would serve.
    /// </summary>
    /// <exception cref="VipsException">The original cannot be decoded.</exception>
    /// <exception cref="PictureChangedException">The original is no longer the bytes its hash names.</exception>
    /// <exception cref="PictureOverBudgetException">Decoding the original would hold more than <see cref="PictureVariantOptions.DefaultMaxDecodeBytes"/>.</exception>
    public static void WriteTo(PictureVariant variant, string? cacheFolder, string target)
    {
        var cached = cacheFolder is null ? target : Path.Combine(cacheFolder, variant.CacheName);
        if (!File.Exists(cached) || cacheFolder is null)
        {
            using var original = OriginalPicture.CopyOf(variant.Original, Path.GetDirectoryName(cached)!);
            original.CheckBudget(PictureVariantOptions.DefaultMaxDecodeBytes);
            Encode(variant, original, cached);
        }
        if (cacheFolder is not null)
            File.Copy(cached, target, overwrite: true);
    }

    /// <summary>
    /// Writes the variant, made from <paramref name="original"/>, to <paramref name="target"/>, whole or not at all: it is
    /// written beside it under another name, then renamed. <paramref name="stop"/> kills the encode in progress: libvips
    /// checks it each time it has computed a strip of the variant (for a picture decoded whole, after that decode).
    /// </summary>
    /// <exception cref="VipsException">libvips cannot be loaded, or the original cannot be decoded, or only with a warning (cut short, corrupt beyond its header).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled; nothing is written.</exception>
    /// <exception cref="IOException">The target's folder cannot be written.</exception>
    public static void Encode(PictureVariant variant, OriginalPicture original, string target, CancellationToken stop = default)
    {
        // Also loads libvips, for a caller (the export) that has not asked whether it can.
        if (!IsAvailable)
            throw new VipsException("libvips cannot be loaded");
        // Named by writer, never at random: replicas may share the cache folder, and a container may have no /dev/urandom.
        var temporary = $"{target}.{Environment.MachineName}-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.partial";
        try
        {
            using (var image = Image.Thumbnail(original.Path, variant.Width, height: 10_000_000, size: Enums.Size.Down,
                       outputProfile: "srgb", intent: Enums.Intent.Perceptual, failOn: Enums.FailOn.Warning))
            {
                if (stop.CanBeCanceled)
                    image.SetProgress(Unreported.Instance, stop);
                if (variant.Format == MediaFormat.Avif)
                    image.Heifsave(temporary, q: AvifQuality, compression: Enums.ForeignHeifCompression.Av1, effort: AvifEffort, keep: Enums.ForeignKeep.None);
                else
                    image.Webpsave(temporary, q: WebPQuality, keep: Enums.ForeignKeep.None);
            }
            stop.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite: true);
        }
        catch (VipsException) when (stop.IsCancellationRequested)
        {
            throw new OperationCanceledException(stop);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Loads libvips, which keeps no cache of operations (each original is encoded once) and works on one thread per encode:
    /// the memory and CPU of encoding are then what the site's own cap on concurrent encodes allows.
    /// </summary>
    private static bool CheckAvailable()
    {
        try
        {
            StartLibvips();
            if (!ModuleInitializer.VipsInitialized)
                return false;
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            NetVips.NetVips.Concurrency = 1;
            // Only the loaders libvips vouches for with untrusted input: the sources are JPEG and PNG files from the content folder.
            NetVips.NetVips.BlockUntrusted = true;
            return NetVips.NetVips.TypeFind("VipsForeignSave", "heifsave") != IntPtr.Zero
                && NetVips.NetVips.TypeFind("VipsForeignSave", "webpsave") != IntPtr.Zero;
        }
        catch (Exception problem) when (problem is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or VipsException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs NetVips's module initializer (which loads libvips and its libraries and initialises it) if it has not run. Under
    /// the JIT it has: reading its state loaded the assembly. A Native AOT binary would run it before Main, with every
    /// module initializer; NetVips.Substitutions.xml empties that call at publish, so that it runs here instead, the first
    /// time a picture is to be made smaller: loading it at start cost every start about 20 ms of CPU and 9 MiB (docs/benchmarks.md).
    /// </summary>
    private static void StartLibvips()
    {
        if (!ModuleInitializer.VipsInitialized && ModuleInitializer.Exception is null)
            ModuleInitializer.Initialize();
    }

    /// <summary>No progress is reported: libvips's progress callback is only where it checks whether to kill the encode.</summary>
    private sealed class Unreported : IProgress<int>
    {
        public static readonly Unreported Instance = new();

        public void Report(int value)
        {
        }
    }
}
