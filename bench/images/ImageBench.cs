// Picture variants, NetVips (chosen) against SkiaSharp (not chosen): for JPEG photos of 2, 5, 12 and 24 megapixels
// (made here with libvips: a gradient with Gaussian noise of σ 8, stored sideways with Exif orientation 6 and a Display P3
// profile, so turning upright and converting to sRGB both do work), the time to make each variant 480, 960 and 1600
// px wide (read, turn upright by the Exif orientation, convert to sRGB, resize, encode) as WebP, AVIF and JPEG, the
// median of REPEATS (default 3) runs, and the peak resident memory (VmHWM in /proc/self/status) of a child process
// that makes one library's variants of one photo in one format, beside a child that only reads the photo and loads
// the library. SkiaSharp has no AVIF encoder. Prints a Markdown table and the load average.
// Run from the repository's root: dotnet run -c Release bench/images/ImageBench.cs [megapixels...]
// With the argument "shapes" instead: the worst shapes of one picture (interlaced, 16-bit, palette, progressive, CMYK),
// each picture's six variants made as the site makes them, with the peak RSS and CPU of that child, beside a baseline
// child that only loads libvips, and what the site's per-picture budget (Media:MaxDecodeBytes) counts for it.
// "shapes WORD" measures only the shapes whose name has WORD (e.g. "shapes progressive").
#:package NetVips
#:package NetVips.Native.linux-x64
#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies
#:property PublishAot=false
using System.Diagnostics;
using System.Globalization;
using NetVips;
using SkiaSharp;

// As Media/ImageHeader.cs counts a progressive JPEG (ProgressiveJpegHeld): this many times its coefficients.
const double ProgressiveFactor = 3;

int[] widths = [480, 960, 1600];
string[] siteFormats = ["webp", "avif"];
var repeats = int.Parse(Environment.GetEnvironmentVariable("REPEATS") ?? "3", CultureInfo.InvariantCulture);

if (args is ["child", var childLibrary, var childFile, var childFormat])
{
    var bytes = File.ReadAllBytes(childFile);
    if (childLibrary == "netvips")
        Cache.Max = 0; // each run decodes again, as each first request for a variant does
    else
        GC.KeepAlive(SKColorSpace.CreateSrgb()); // loads the native library before the baseline is read
    if (childFormat != "none")
    {
        foreach (var width in widths)
        {
            var times = new List<double>();
            var length = 0;
            for (var run = 0; run < repeats; run++)
            {
                var started = Stopwatch.GetTimestamp();
                length = childLibrary == "netvips" ? NetVipsVariant(bytes, width, childFormat) : SkiaVariant(bytes, width, childFormat);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            Console.WriteLine(FormattableString.Invariant($"variant\t{width}\t{times.Order().ElementAt(times.Count / 2):F1}\t{length}"));
        }
    }
    Console.WriteLine($"peak\t{PeakKiB()}");
    return;
}

if (args is ["shape-child", var shapeFile])
{
    if (shapeFile == "none")
    {
        // The floor beside which each shape is read: the runtime and libvips loaded, nothing decoded.
        Console.WriteLine(FormattableString.Invariant($"peak\t{PeakKiB()}\t{Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1}\t{NetVips.NetVips.Version(0)}"));
        return;
    }
    // As the site makes a picture's six variants (Media/PictureEncoder.cs): from a file, one libvips thread, no
    // operation cache, failing on warnings, WebPs first.
    Cache.Max = 0;
    Cache.MaxMem = 0;
    Cache.MaxFiles = 0;
    NetVips.NetVips.Concurrency = 1;
    NetVips.NetVips.BlockUntrusted = true;
    foreach (var (format, width) in siteFormats.SelectMany(format => widths.Select(width => (format, width))))
    {
        using var image = Image.Thumbnail(shapeFile, width, height: 10_000_000, size: Enums.Size.Down, outputProfile: "srgb", intent: Enums.Intent.Perceptual, failOn: Enums.FailOn.Warning);
        _ = format == "webp"
            ? image.WebpsaveBuffer(q: 75, keep: Enums.ForeignKeep.None)
            : image.HeifsaveBuffer(q: 50, compression: Enums.ForeignHeifCompression.Av1, effort: 4, keep: Enums.ForeignKeep.None);
    }
    Console.WriteLine(FormattableString.Invariant($"peak\t{PeakKiB()}\t{Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1}"));
    return;
}

if (args is ["shapes", ..])
{
    // "shapes progressive" measures only the shapes whose name has that word.
    var only = args.Length > 1 ? args[1] : "";
    // The worst shapes a picture within ContentLimits:MaxMediaPixels can take: what one picture's six variants cost
    // (peak RSS and CPU of a child making them as the site does), beside what the site's budget counts for it.
    var shapeFolder = Directory.CreateTempSubdirectory("articlesite-shapes-").FullName;
    try
    {
        Console.WriteLine($"Load average at start: {LoadAverage()}; {Environment.ProcessorCount} cores; libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}");
        Console.WriteLine();
        var floor = ShapeChild("none").PeakKiB / 1024.0;
        Console.WriteLine(FormattableString.Invariant($"Baseline child (runtime and libvips loaded, nothing decoded): {floor:F0} MiB peak RSS"));
        Console.WriteLine();
        Console.WriteLine("| Picture | File (KiB) | Counted by Media:MaxDecodeBytes (MiB) | Under it (96 MiB) | Peak RSS of the child (MiB) | Above the baseline (MiB) | Above the baseline minus counted (MiB) | CPU (s) |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, make, counted) in Shapes().Where(shape => shape.Name.Contains(only, StringComparison.Ordinal)))
        {
            var file = Path.Combine(shapeFolder, name.Replace(' ', '-') + (name.Contains("JPEG") ? ".jpg" : ".png"));
            make(file);
            var (peakKiB, cpu) = ShapeChild(file);
            var peak = peakKiB / 1024.0;
            var countedMiB = counted / (1024.0 * 1024.0);
            var under = counted <= 96L * 1024 * 1024 ? "yes: encoded" : "no: refused, served as it is";
            Console.WriteLine(FormattableString.Invariant($"| {name} | {new FileInfo(file).Length / 1024.0:F0} | {countedMiB:F0} | {under} | {peak:F0} | {peak - floor:F0} | {peak - floor - countedMiB:F0} | {cpu} |"));
            File.Delete(file);
        }
        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }
    finally
    {
        Directory.Delete(shapeFolder, recursive: true);
    }
    return;
}

var megapixels = args.Length > 0 ? args.Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray() : [2, 5, 12, 24];
var folder = Directory.CreateTempSubdirectory("articlesite-images-").FullName;
try
{
    Console.WriteLine($"Load average at start: {LoadAverage()}; {Environment.ProcessorCount} cores; libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}, SkiaSharp {typeof(SKImage).Assembly.GetName().Version}; median of {repeats} runs");
    Console.WriteLine();
    Console.WriteLine("| Photo (MP) | Library | Format | Width (px) | Median (ms) | ms per photo MP | Variant (KiB) | Peak RSS of the child (MiB) |");
    Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var mp in megapixels)
    {
        var file = Path.Combine(folder, $"photo-{mp}mp.jpg");
        var (storedWidth, storedHeight) = MakePhoto(file, mp);
        foreach (var library in new[] { "netvips", "skiasharp" })
        {
            var name = library == "netvips" ? "NetVips 3.2.0" : "SkiaSharp 4.155.0";
            var (_, baseline) = Child(library, file, "none");
            Console.WriteLine(FormattableString.Invariant($"| {mp} ({storedHeight} × {storedWidth} shown) | {name} | none: read the file, load the library | | | | | {baseline / 1024.0:F0} |"));
            foreach (var format in new[] { "webp", "avif", "jpeg" })
            {
                if (library == "skiasharp" && format == "avif")
                {
                    Console.WriteLine($"| {mp} | {name} | AVIF | | not available: no AVIF encoder | | | |");
                    continue;
                }
                var (variants, peak) = Child(library, file, format);
                foreach (var (width, milliseconds, length) in variants)
                    Console.WriteLine(FormattableString.Invariant($"| {mp} | {name} | {FormatName(format)} | {width} | {milliseconds:F1} | {milliseconds / mp:F1} | {length / 1024.0:F0} | {peak / 1024.0:F0} |"));
            }
        }
    }
    Console.WriteLine();
    Console.WriteLine($"Load average at end: {LoadAverage()}");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

// A photo of about `mp` megapixels, 3:2, stored sideways (shown upright by Exif orientation 6), in Display P3.
static (int Width, int Height) MakePhoto(string file, int mp)
{
    var width = (int)Math.Round(Math.Sqrt(mp * 1_000_000 * 1.5));
    var height = (int)Math.Round(mp * 1_000_000.0 / width);
    using var xyz = Image.Xyz(width, height);
    using var gradient = (xyz[0] * 255.0 / width).Bandjoin(xyz[1] * 255.0 / height, (xyz[0] + xyz[1]) * 127.0 / (width + height));
    using var noise = Image.Gaussnoise(width, height, sigma: 8, mean: 0);
    using var pixels = (gradient + noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    using var p3 = pixels.IccTransform("p3", inputProfile: "srgb", embedded: false);
    using var oriented = p3.Mutate(mutable => mutable.Set(GValue.GIntType, "orientation", 6));
    oriented.Jpegsave(file, q: 90);
    return (width, height);
}

// As the site makes a variant: shrink on load, turned upright, converted to sRGB, no metadata kept.
static int NetVipsVariant(byte[] bytes, int width, string format)
{
    using var thumbnail = Image.ThumbnailBuffer(bytes, width, height: 100_000, size: Enums.Size.Down, inputProfile: "srgb", outputProfile: "srgb");
    return (format switch
    {
        "webp" => thumbnail.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None),
        "avif" => thumbnail.HeifsaveBuffer(q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 4, keep: Enums.ForeignKeep.None),
        _ => thumbnail.JpegsaveBuffer(q: 82, keep: Enums.ForeignKeep.None),
    }).Length;
}

// The same with SkiaSharp: the JPEG decoder's own downscaling, turned by the codec's origin, decoded into sRGB.
static int SkiaVariant(byte[] bytes, int width, string format)
{
    using var data = SKData.CreateCopy(bytes);
    using var codec = SKCodec.Create(data);
    var upright = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
    var shownWidth = upright ? codec.Info.Height : codec.Info.Width;
    var scale = (float)width / shownWidth;
    var decodeSize = codec.GetScaledDimensions(Math.Min(1f, scale * 1.0001f));
    var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
    using var decoded = new SKBitmap(decodeInfo);
    if (codec.GetPixels(decodeInfo, decoded.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        throw new InvalidOperationException("decode failed");
    var height = (int)Math.Round((double)(upright ? decodeSize.Width : decodeSize.Height) * width / (upright ? decodeSize.Height : decodeSize.Width));
    using var resized = decoded.Resize(new SKImageInfo(upright ? height : width, upright ? width : height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()), new SKSamplingOptions(SKCubicResampler.Mitchell))!;
    using var turned = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
    using (var canvas = new SKCanvas(turned))
    {
        switch (codec.EncodedOrigin)
        {
            case SKEncodedOrigin.RightTop: canvas.Translate(width, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(width, height); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, height); canvas.RotateDegrees(270); break;
        }
        canvas.DrawBitmap(resized, 0, 0, SKSamplingOptions.Default);
    }
    using var image = SKImage.FromBitmap(turned);
    using var encoded = image.Encode(format == "webp" ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg, format == "webp" ? 80 : 82);
    return (int)encoded.Size;
}

// Each shape with how it is made and what the site's budget counts for it (Media/ImageHeader.cs, WholeFrameOf): an
// interlaced PNG's whole frame (samples × bytes a sample, a palette as RGBA), a progressive JPEG's coefficients times
// ProgressiveFactor (Coefficients: 2 bytes a sample, chroma at 4:2:0 a quarter each); 0 for what libvips reads a few
// rows at a time.
static IEnumerable<(string Name, Action<string> Make, long Counted)> Shapes()
{
    yield return ("16-bit RGB PNG, interlaced, 7000 × 7000", file => Noise(7000, 7000, 3, sixteen: true).Pngsave(file, interlace: true, bitdepth: 16), 7000L * 7000 * 6);
    yield return ("16-bit RGB PNG, 7000 × 7000", file => Noise(7000, 7000, 3, sixteen: true).Pngsave(file, bitdepth: 16), 0);
    yield return ("8-bit RGB PNG, interlaced, 5700 × 5700", file => Noise(5700, 5700, 3).Pngsave(file, interlace: true), 5700L * 5700 * 3);
    yield return ("256-colour palette PNG, interlaced, 4900 × 4900", file => Noise(4900, 4900, 3).Pngsave(file, interlace: true, palette: true), 4900L * 4900 * 4);
    foreach (var (width, height) in new[] { (2000, 1500), (4000, 3000), (6000, 4000) })
    {
        yield return ($"progressive RGB JPEG 4:2:0, {width} × {height}", file => Noise(width, height, 3, noisy: true).Jpegsave(file, q: 90, interlace: true, subsampleMode: Enums.ForeignSubsample.On), ProgressiveCount(width, height, 3, subsampled: true));
        yield return ($"progressive RGB JPEG 4:4:4, {width} × {height}", file => Noise(width, height, 3, noisy: true).Jpegsave(file, q: 90, interlace: true, subsampleMode: Enums.ForeignSubsample.Off), ProgressiveCount(width, height, 3, subsampled: false));
        yield return ($"progressive CMYK JPEG, {width} × {height}", file => Noise(width, height, 4, noisy: true).Jpegsave(file, q: 90, interlace: true), ProgressiveCount(width, height, 4, subsampled: false));
    }
    yield return ("CMYK JPEG, 7000 × 7000", file => Noise(7000, 7000, 4, noisy: true).Jpegsave(file, q: 90), 0);
}

// What the site counts for a progressive JPEG: its coefficients (2 bytes a sample; at 4:2:0 each chroma component a quarter) times the factor.
static long ProgressiveCount(int width, int height, int components, bool subsampled) =>
    (long)(ProgressiveFactor * 2L * width * height * (subsampled ? 1.5 : components));

// A picture in RGB, 16-bit RGB or CMYK. A JPEG's is a gradient with Gaussian noise (σ 8), so that its coefficients are
// not trivial; a PNG's is in flat steps of 500 pixels, as a drawing's is, so that 49 megapixels compress to within
// ContentLimits:MaxMediaBytes (a smooth 16-bit gradient does not).
static Image Noise(int width, int height, int bands, bool sixteen = false, bool noisy = false)
{
    using var xyz = Image.Xyz(width, height);
    using var steps = noisy ? xyz.Copy() : (xyz / 500).Floor() * 500;
    using var gradient = (steps[0] * 255.0 / width).Bandjoin(steps[1] * 255.0 / height, (steps[0] + steps[1]) * 127.0 / (width + height));
    using var four = bands == 4 ? gradient.Bandjoin(steps[0] * 0 + 40) : gradient.Copy();
    using var noise = Image.Gaussnoise(width, height, sigma: noisy ? 8 : 0, mean: 0);
    using var pixels = four + noise;
    return sixteen
        ? (pixels * 256).Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16)
        : pixels.Cast(Enums.BandFormat.Uchar).Copy(interpretation: bands == 4 ? Enums.Interpretation.Cmyk : Enums.Interpretation.Srgb);
}

static List<(int Width, double Milliseconds, int Length)> ParseVariants(IEnumerable<string> lines) =>
    [.. lines.Where(line => line.StartsWith("variant\t", StringComparison.Ordinal)).Select(line => line.Split('\t'))
        .Select(fields => (int.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture)))];

static (List<(int Width, double Milliseconds, int Length)> Variants, long PeakKiB) Child(string library, string file, string format)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, ["child", library, file, format]) { RedirectStandardOutput = true };
    using var child = Process.Start(start)!;
    var lines = child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    child.WaitForExit();
    if (child.ExitCode != 0)
        throw new InvalidOperationException($"{library} {format} exited with {child.ExitCode}");
    return (ParseVariants(lines), long.Parse(lines.Single(line => line.StartsWith("peak\t", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture));
}

static (long PeakKiB, string Cpu) ShapeChild(string file)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, ["shape-child", file]) { RedirectStandardOutput = true };
    using var child = Process.Start(start)!;
    var peak = child.StandardOutput.ReadToEnd().Split('\n').Single(line => line.StartsWith("peak\t", StringComparison.Ordinal)).Split('\t');
    child.WaitForExit();
    return (long.Parse(peak[1], CultureInfo.InvariantCulture), peak[2]);
}

static long PeakKiB() =>
    long.Parse(File.ReadLines("/proc/self/status").Single(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

static string FormatName(string format) => format switch { "webp" => "WebP", "avif" => "AVIF", _ => "JPEG" };

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
