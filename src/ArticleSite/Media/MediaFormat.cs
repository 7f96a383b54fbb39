using System.Buffers.Binary;
using System.Text;

namespace ArticleSite.Media;

/// <summary>A kind of file the site publishes beside its articles, as its bytes (never its name) say.</summary>
/// <param name="Extension">The extension its served URL ends with, e.g. "jpg".</param>
/// <param name="IsImage">True for pictures, which carry a width and height.</param>
public sealed record MediaFormat(string Name, string ContentType, string Extension, bool IsImage)
{
    public static readonly MediaFormat Jpeg = new("JPEG", "image/jpeg", "jpg", true);
    public static readonly MediaFormat Png = new("PNG", "image/png", "png", true);
    public static readonly MediaFormat Gif = new("GIF", "image/gif", "gif", true);
    public static readonly MediaFormat WebP = new("WebP", "image/webp", "webp", true);
    public static readonly MediaFormat Avif = new("AVIF", "image/avif", "avif", true);
    public static readonly MediaFormat Svg = new("SVG", "image/svg+xml", "svg", true);
    public static readonly MediaFormat Pdf = new("PDF", "application/pdf", "pdf", false);
    public static readonly MediaFormat Mp4 = new("MP4 video", "video/mp4", "mp4", false);
    public static readonly MediaFormat QuickTime = new("QuickTime video", "video/quicktime", "mov", false);
    public static readonly MediaFormat WebM = new("WebM video", "video/webm", "webm", false);
    public static readonly MediaFormat Mp4Audio = new("MP4 audio", "audio/mp4", "m4a", false);
    public static readonly MediaFormat Mp3 = new("MP3 audio", "audio/mpeg", "mp3", false);
    public static readonly MediaFormat Ogg = new("Ogg audio", "audio/ogg", "ogg", false);
    public static readonly MediaFormat Wav = new("WAV audio", "audio/wav", "wav", false);
    public static readonly MediaFormat Flac = new("FLAC audio", "audio/flac", "flac", false);

    /// <summary>The format of this <see cref="Name"/>; null for a name no format has (one stored by another build).</summary>
    public static MediaFormat? Named(string name) => ByName.GetValueOrDefault(name);

    private static readonly Dictionary<string, MediaFormat> ByName = new[]
    {
        Jpeg, Png, Gif, WebP, Avif, Svg, Pdf, Mp4, QuickTime, WebM, Mp4Audio, Mp3, Ogg, Wav, Flac,
    }.ToDictionary(format => format.Name, StringComparer.Ordinal);

    /// <summary>The extensions that make a relative link (not only an image) a reference to a media file.</summary>
    public static readonly IReadOnlySet<string> LinkedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".pdf", ".mp4", ".m4v", ".mov", ".webm", ".m4a", ".mp3", ".ogg", ".oga", ".ogv", ".wav", ".flac",
    };

    /// <summary>What the problem says a file must be.</summary>
    public const string Allowed = "a JPEG, PNG, GIF, WebP, AVIF or SVG picture, an MP4, QuickTime or WebM video, MP4, MP3, Ogg, WAV or FLAC audio, or a PDF";

    /// <summary>The format the file's first bytes declare; null for any other file (HTML named x.jpg, a program, text).</summary>
    public static MediaFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Gif;
        if (head.StartsWith("%PDF-"u8))
            return Pdf;
        if (head.StartsWith("RIFF"u8) && head.Length >= 12)
            return head[8..12].SequenceEqual("WEBP"u8) ? WebP : head[8..12].SequenceEqual("WAVE"u8) ? Wav : null;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
            return IsoBrand(head);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return WebM;
        if (head.StartsWith("OggS"u8))
            return Ogg;
        if (head.StartsWith("fLaC"u8))
            return Flac;
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
            return Mp3;
        return IsSvg(head) ? Svg : null;
    }

    /// <summary>The ISO media file's major brand: AVIF pictures, audio, QuickTime or MP4 video; HEIC and others are refused.</summary>
    private static MediaFormat? IsoBrand(ReadOnlySpan<byte> head)
    {
        var brand = Encoding.ASCII.GetString(head[8..12]);
        return brand switch
        {
            "avif" or "avis" => Avif,
            "M4A " or "M4B " => Mp4Audio,
            "qt  " => QuickTime,
            "isom" or "iso2" or "iso4" or "iso5" or "iso6" or "mp41" or "mp42" or "avc1" or "M4V " or "dash" => Mp4,
            _ => null,
        };
    }

    /// <summary>
    /// An XML document whose first element is svg, after an XML declaration, comments and an svg doctype. Read in one pass
    /// (each part found by the first end marker after it), never by a backtracking search: one of those took exponential
    /// time over 424 bytes of empty comments, and an abandoned load kept a core busy for ever.
    /// </summary>
    private static bool IsSvg(ReadOnlySpan<byte> head)
    {
        var text = head[..Math.Min(head.Length, 4096)];
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            text = text[3..];
        text = SkipSpace(text);
        if (text.StartsWith("<?xml"u8))
            text = After(text, 5, "?>"u8);
        var doctypeSeen = false;
        while (true)
        {
            text = SkipSpace(text);
            if (text.StartsWith("<!--"u8))
                text = After(text, 4, "-->"u8);
            else if (!doctypeSeen && text.StartsWith("<!DOCTYPE"u8) && text.Length > 9 && IsSpace(text[9]) && SkipSpace(text[9..]).StartsWith("svg"u8))
            {
                text = After(text, 9, ">"u8);
                doctypeSeen = true;
            }
            else
                return text.StartsWith("<svg"u8) && text.Length > 4 && (text[4] == (byte)'>' || IsSpace(text[4]));
        }
    }

    /// <summary>What follows the first <paramref name="end"/> at or after <paramref name="start"/>; empty when there is none.</summary>
    private static ReadOnlySpan<byte> After(ReadOnlySpan<byte> text, int start, ReadOnlySpan<byte> end)
    {
        var at = text[start..].IndexOf(end);
        return at < 0 ? [] : text[(start + at + end.Length)..];
    }

    private static ReadOnlySpan<byte> SkipSpace(ReadOnlySpan<byte> text) => text.TrimStart(" \t\r\n"u8);

    private static bool IsSpace(byte character) => character is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
