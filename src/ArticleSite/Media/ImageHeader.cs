using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticleSite.Media;

/// <summary>
/// A picture's size as its header declares it, read without decoding a pixel: so a small file declaring 50,000 × 50,000
/// pixels is refused by what it declares, in the memory of its first bytes. A JPEG's size is given as it is shown, after
/// its EXIF orientation (a phone photo taken upright is stored sideways, with orientation 6).
/// </summary>
internal static class ImageHeader
{
    /// <summary>Width and height in pixels as the picture is shown; null when the header does not say (an SVG with neither size nor viewBox).</summary>
    /// <exception cref="FormatException">The header is cut short or malformed.</exception>
    public static (int Width, int Height)? SizeOf(MediaFormat format, ReadOnlySpan<byte> head)
    {
        if (format == MediaFormat.Png)
            return head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8)
                ? Checked(BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]))
                : throw new FormatException("its PNG header is incomplete");
        if (format == MediaFormat.Gif)
            return head.Length >= 10
                ? Checked(BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]))
                : throw new FormatException("its GIF header is incomplete");
        if (format == MediaFormat.Jpeg)
            return JpegSize(head);
        if (format == MediaFormat.WebP)
            return WebPSize(head);
        if (format == MediaFormat.Avif)
            return AvifSize(head);
        if (format == MediaFormat.Svg)
            return SvgSize(head);
        return null;
    }

    /// <summary>True when the file's last bytes are its format's end marker, so a file cut short in copying is caught.</summary>
    public static bool IsComplete(MediaFormat format, ReadOnlySpan<byte> tail)
    {
        if (format == MediaFormat.Jpeg)
            return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0; // some cameras write padding after the end marker
        if (format == MediaFormat.Png)
            return tail.IndexOf("IEND"u8) >= 0;
        if (format == MediaFormat.Gif)
            return tail.Length > 0 && tail[^1] == 0x3B;
        return true;
    }

    /// <summary>
    /// The memory decoding the picture must hold at once, by what its header declares, and why: the whole frame of an
    /// interlaced PNG (no row is whole before the last pass), at 2 bytes a sample when it is 16-bit and 4 samples a pixel
    /// for a palette (expanded to RGBA), or <see cref="ProgressiveJpegHeld"/> times the whole coefficient buffer of a
    /// progressive JPEG (2 bytes a sample, by its components' sampling, 4 components for CMYK). Zero for a picture decoded
    /// a few rows at a time (a plain PNG or a baseline JPEG, which libvips reads sequentially and shrinks as it loads), and
    /// for every other format. What a picture's six variants take beyond this is within a constant (docs/operations.md).
    /// </summary>
    public static (long Bytes, string Shape) WholeFrameOf(MediaFormat format, ReadOnlySpan<byte> head)
    {
        if (format == MediaFormat.Png && head.Length >= 29 && head[28] == 1)
        {
            var (width, height) = SizeOf(format, head)!.Value;
            var samples = head[25] switch { 0 => 1, 2 => 3, 3 => 4, 4 => 2, _ => 4 };
            var bytesPerSample = head[24] == 16 ? 2 : 1;
            return ((long)width * height * samples * bytesPerSample, $"an interlaced {head[24]}-bit PNG of {width:N0} × {height:N0} pixels");
        }
        if (format == MediaFormat.Jpeg && JpegFrame(head) is { Progressive: true } frame)
            return (frame.CoefficientBytes * ProgressiveJpegHeld, $"a progressive {(frame.Components == 4 ? "CMYK " : "")}JPEG of {frame.Width:N0} × {frame.Height:N0} pixels");
        return (0, "");
    }

    /// <summary>
    /// What a progressive JPEG's six variants were measured to hold beyond the constant, in coefficient buffers: up to 2.7
    /// of them (bench/images, "shapes", RGB 4:2:0 and 4:4:4 and CMYK of 3 to 24 megapixels; docs/benchmarks.md). Each
    /// variant loads the picture again, and each load holds one buffer whole; the C library's allocator keeps some of the
    /// freed buffers in its per-thread arenas, so the peak is not monotonic in the picture's size (with
    /// MALLOC_ARENA_MAX=1 the worst shape held one buffer).
    /// </summary>
    private const int ProgressiveJpegHeld = 3;

    /// <summary>A JPEG's frame header: its stored size, its components and the bytes of all its DCT coefficients.</summary>
    private readonly record struct JpegFrameHeader(int Width, int Height, int Components, bool Progressive, long CoefficientBytes);

    private static JpegFrameHeader? JpegFrame(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length && head[at] == 0xFF)
        {
            var marker = head[at + 1];
            if (marker == 0xFF || marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (at + 10 > head.Length)
                    return null;
                var height = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]);
                var components = head[at + 9];
                if (at + 10 + 3 * components > head.Length || components == 0)
                    return null;
                // Each component is three bytes: its id, its sampling (horizontal << 4 | vertical), its quantisation table.
                var sampling = head.Slice(at + 10, 3 * components);
                int maxH = 1, maxV = 1;
                for (var component = 0; component < components; component++)
                {
                    maxH = Math.Max(maxH, sampling[3 * component + 1] >> 4);
                    maxV = Math.Max(maxV, sampling[3 * component + 1] & 0x0F);
                }
                long bytes = 0;
                for (var component = 0; component < components; component++)
                {
                    long blocksAcross = (width * (sampling[3 * component + 1] >> 4) + 8 * maxH - 1) / (8 * maxH);
                    long blocksDown = (height * (sampling[3 * component + 1] & 0x0F) + 8 * maxV - 1) / (8 * maxV);
                    bytes += blocksAcross * blocksDown * 64 * 2;
                }
                return new JpegFrameHeader(width, height, components, marker is 0xC2 or 0xC6 or 0xCA or 0xCE, bytes);
            }
            if (marker == 0xDA)
                return null;
            at += 2 + length;
        }
        return null;
    }

    private static (int, int) Checked(long width, long height) =>
        width > 0 && height > 0 && width <= int.MaxValue && height <= int.MaxValue
            ? ((int)width, (int)height)
            : throw new FormatException($"its header declares {width} × {height} pixels");

    private static (int, int) JpegSize(ReadOnlySpan<byte> head)
    {
        var orientation = 1;
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
                throw new FormatException("its JPEG header is malformed");
            var marker = head[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (at + 9 > head.Length)
                    break;
                var (width, height) = Checked(BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]));
                // Orientations 5 to 8 turn the picture a quarter: what is shown is as wide as the stored one is high.
                return orientation >= 5 ? (height, width) : (width, height);
            }
            if (marker == 0xDA)
                break; // image data before any frame header
            if (marker == 0xE1 && at + 4 + length <= head.Length)
                orientation = ExifOrientation(head.Slice(at + 4, length - 2)) ?? orientation;
            at += 2 + length;
        }
        throw new FormatException("its JPEG header has no frame size in its first bytes");
    }

    /// <summary>The orientation tag (0x0112) of IFD0 in an APP1 Exif segment; null when there is none.</summary>
    private static int? ExifOrientation(ReadOnlySpan<byte> segment)
    {
        if (!segment.StartsWith("Exif\0\0"u8) || segment.Length < 14)
            return null;
        var tiff = segment[6..];
        var little = tiff.StartsWith("II"u8);
        if (!little && !tiff.StartsWith("MM"u8))
            return null;
        var directory = U32(tiff, 4, little);
        if (directory + 2 > (uint)tiff.Length)
            return null;
        var entries = U16(tiff, (int)directory, little);
        for (var entry = 0; entry < entries; entry++)
        {
            var at = (int)directory + 2 + entry * 12;
            if (at + 12 > tiff.Length)
                return null;
            if (U16(tiff, at, little) == 0x0112)
                return U16(tiff, at + 8, little) is var value and >= 1 and <= 8 ? value : null;
        }
        return null;
    }

    private static uint U32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);

    private static ushort U16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    private static (int, int) WebPSize(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
            throw new FormatException("its WebP header is incomplete");
        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return Checked(BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
            return Checked((head[24] | head[25] << 8 | head[26] << 16) + 1, (head[27] | head[28] << 8 | head[29] << 16) + 1);
        throw new FormatException("its WebP header is malformed");
    }

    /// <summary>The image spatial extent property ('ispe') of the primary item, which an AVIF file carries before its data.</summary>
    private static (int, int) AvifSize(ReadOnlySpan<byte> head)
    {
        var at = head.IndexOf("ispe"u8);
        return at >= 0 && at + 16 <= head.Length
            ? Checked(BinaryPrimitives.ReadUInt32BigEndian(head[(at + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(head[(at + 12)..]))
            : throw new FormatException("its AVIF header has no image size");
    }

    /// <summary>The root element's width and height in pixels, else its viewBox's; null when it has neither.</summary>
    private static (int, int)? SvgSize(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 4096)]);
        if (SvgRoot.Match(text) is not { Success: true } root)
            return null;
        var attributes = root.Value;
        if (Length(attributes, WidthAttribute) is { } width && Length(attributes, HeightAttribute) is { } height)
            return Checked(width, height);
        var viewBox = ViewBox.Match(attributes);
        return viewBox.Success
            && double.TryParse(viewBox.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var boxWidth)
            && double.TryParse(viewBox.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var boxHeight)
            && boxWidth >= 1 && boxHeight >= 1 && boxWidth < int.MaxValue && boxHeight < int.MaxValue
                ? ((int)Math.Round(boxWidth), (int)Math.Round(boxHeight))
                : null;
    }

    private static long? Length(string attributes, Regex attribute)
    {
        var match = attribute.Match(attributes);
        return match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 1 && value < int.MaxValue
            ? (long)Math.Round(value)
            : null;
    }

    // The file's bytes are anyone's: these searches never backtrack, so each takes time linear in the 4 KiB it reads.
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex SvgRoot = new(@"<svg[^>]*>", Linear);

    private static readonly Regex WidthAttribute = new(@"\swidth\s*=\s*[""']\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*[""']", Linear);

    private static readonly Regex HeightAttribute = new(@"\sheight\s*=\s*[""']\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*[""']", Linear);

    private static readonly Regex ViewBox = new(@"\sviewBox\s*=\s*[""']\s*[-0-9.eE]+[\s,]+[-0-9.eE]+[\s,]+([0-9.eE]+)[\s,]+([0-9.eE]+)\s*[""']", Linear);
}
