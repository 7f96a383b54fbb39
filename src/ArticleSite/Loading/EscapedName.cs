using System.Globalization;
using System.Text;

namespace ArticleSite.Loading;

/// <summary>
/// File names and reasons as a terminal or a log line may show them: a control character (a newline, ESC, a bidi
/// override) written as <c>\n</c> or <c>\x1B</c> or <c>\u202E</c>, and a byte that is not UTF-8 as <c>\xE9</c>, so that
/// no name can forge a line of a report or reach a terminal as a command.
/// </summary>
internal static class EscapedName
{
    /// <summary>The text with each control character and each bidirectional override or mark escaped.</summary>
    public static string Of(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if (!NeedsEscape(character))
                escaped.Append(character);
            else
                escaped.Append(character switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < '\u0100' => $"\\x{(int)character:X2}",
                    _ => $"\\u{(int)character:X4}",
                });
        }
        return escaped.ToString();
    }

    /// <summary>A name's bytes, each byte that is not part of valid UTF-8 written as <c>\xE9</c>, control characters escaped as <see cref="Of"/> does.</summary>
    public static string OfBytes(ReadOnlySpan<byte> name)
    {
        var escaped = new StringBuilder(name.Length + 8);
        while (!name.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
                escaped.Append(Of(rune.ToString()));
            else
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{name[0]:X2}");
            name = name[(status == System.Buffers.OperationStatus.Done ? consumed : 1)..];
        }
        return escaped.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, the line and paragraph separators, and the marks that reorder what a terminal shows.</summary>
    private static bool NeedsEscape(char character) =>
        char.IsControl(character) || character is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
