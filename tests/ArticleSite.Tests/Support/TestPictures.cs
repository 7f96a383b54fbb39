using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using NetVips;

namespace ArticleSite.Tests.Support;

/// <summary>Real picture files for the media tests, made with libvips (NetVips), and the hostile files beside them.</summary>
public static class TestPictures
{
    /// <summary>A JPEG stored <paramref name="storedWidth"/> × <paramref name="storedHeight"/> with the Exif orientation given (6: shown turned a quarter clockwise).</summary>
    public static byte[] Jpeg(int storedWidth, int storedHeight, int orientation = 1)
    {
        using var gradient = Image.Xyz(storedWidth, storedHeight);
        using var bands = gradient.Bandjoin(gradient[0]);
        using var pixels = (bands % 256).Cast(Enums.BandFormat.Uchar);
        using var oriented = pixels.Mutate(mutable => mutable.Set(GValue.GIntType, "orientation", orientation));
        return oriented.JpegsaveBuffer(q: 80);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Image.Black(width, height, bands: 3) + 128;
        using var pixels = image.Cast(Enums.BandFormat.Uchar);
        return pixels.PngsaveBuffer();
    }

    /// <summary>A 16-bit RGB PNG, interlaced (Adam7) or not: an interlaced one is decoded whole, at 6 bytes a pixel.</summary>
    public static byte[] Png16(int width, int height, bool interlaced)
    {
        using var image = Image.Black(width, height, bands: 3) + 30_000;
        using var pixels = image.Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16);
        return pixels.PngsaveBuffer(interlace: interlaced, bitdepth: 16);
    }

    /// <summary>A progressive (interlaced) CMYK JPEG of noise, so that its coefficients are not trivial: libvips holds them whole while it decodes.</summary>
    public static byte[] ProgressiveCmykJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 40, mean: 128);
        using var bands = noise.Bandjoin(noise, noise, noise);
        using var pixels = bands.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Cmyk);
        return pixels.JpegsaveBuffer(q: 90, interlace: true);
    }

    /// <summary>An animated GIF of two frames.</summary>
    public static byte[] AnimatedGif(int width, int height)
    {
        using var first = (Image.Black(width, height) + 40).Cast(Enums.BandFormat.Uchar);
        using var second = (Image.Black(width, height) + 200).Cast(Enums.BandFormat.Uchar);
        using var frames = Image.Arrayjoin([first, second], across: 1);
        int[] delays = [100, 100];
        using var animated = frames.Mutate(mutable =>
        {
            mutable.Set(GValue.GIntType, "page-height", height);
            mutable.Set(GValue.ArrayIntType, "delay", delays);
            mutable.Set(GValue.GIntType, "loop", 0);
        });
        return animated.GifsaveBuffer();
    }

    /// <summary>An SVG that would run script (and change the page's title) if it were ever run as a document or inlined; well-formed XML (the script in CDATA), so a browser does open it.</summary>
    public const string SvgWithScript =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\">" +
        "<script><![CDATA[document.title = 'svg script ran'; window.parent && (window.parent.document.title = 'svg script ran');]]></script>" +
        "<rect width=\"200\" height=\"100\" fill=\"teal\"/></svg>";

    /// <summary>A valid PNG of a few hundred bytes whose header declares <paramref name="width"/> × <paramref name="height"/> pixels: a decompression bomb.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(new byte[64 * 1024]); // zeros: the start of rows of black pixels
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        file.Write(crc);
    }

    /// <summary>The path the site serves a file's bytes under: the first 128 bits of their SHA-256, then the name.</summary>
    public static string MediaUrl(byte[] bytes, string name) => $"/media/{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}/{name}";
}
