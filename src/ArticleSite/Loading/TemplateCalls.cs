using System.Text;
using ArticleSite.Rendering;

namespace ArticleSite.Loading;

/// <summary>
/// Expands the template calls that Hugo (shortcodes, <c>{{&lt; … &gt;}}</c>, <c>{{% … %}}</c>) and Jekyll (Liquid,
/// <c>{% … %}</c>, <c>{{ … }}</c>) leave in their writers' Markdown, before it is parsed: those tools expand them in the
/// text before their Markdown is read, and writers rely on it (a call inside a link's URL, or a <c>{% raw %}</c> around a
/// code span). The calls writers use for content become the Markdown they stand for (a figure, a code block, a link);
/// any other is dropped, its inner content kept, and reported with its line. Code (fenced, indented, spans) is left as
/// written but for <c>{% raw %}</c> tags, so an article about templates that never saw either tool keeps its examples.
/// One pass, each closing delimiter searched for once: linear in the text, which it never makes much longer. Line
/// breaks are kept, so lines in problems stay the file's.
/// </summary>
internal static partial class TemplateCalls
{
    /// <summary>A call longer than this (its arguments run on) is not a call: its characters are left as written.</summary>
    private const int MaxCallLength = 4096;

    /// <summary>Liquid tags that continue or close a block: the block's opening tag is the one reported.</summary>
    private static readonly string[] LiquidContinuations = ["else", "elsif", "when", "empty"];

    /// <summary>The text with its calls expanded (the same string when it has none), and one problem naming each call not understood.</summary>
    /// <param name="bodyStart">Where the body starts: the front matter before it is left alone.</param>
    /// <param name="parameter">A front matter field's text, for Hugo's <c>param</c>.</param>
    public static (string Text, IReadOnlyList<ContentException> Problems) Expand(string text, int bodyStart, string path, Func<string, string?> parameter)
    {
        var body = text.AsSpan(bodyStart);
        if (!body.Contains("{{", StringComparison.Ordinal) && !body.Contains("{%", StringComparison.Ordinal))
            return (text, []);
        var expansion = new Expansion(text, bodyStart, parameter);
        expansion.Run();
        IReadOnlyList<ContentException> problems = expansion.NotUnderstood.Count == 0 ? [] : [Problem(path, expansion.NotUnderstood)];
        return (expansion.Output.ToString(), problems);
    }

    /// <summary>One problem for the file, at the first line holding a call not understood, naming each such call and its lines.</summary>
    private static ContentException Problem(string path, Dictionary<string, List<int>> calls)
    {
        static string Lines(List<int> lines) =>
            $"line{(lines.Count > 1 ? "s" : "")} {string.Join(", ", lines.Take(10))}{(lines.Count > 10 ? ", …" : "")}";
        var first = calls.Values.Min(lines => lines[0]);
        return calls.Count == 1 && calls.Single() is var (call, only)
            ? new ContentException(path, $"line {first}: {call} is a template call of another tool that the site does not understand; "
                + $"its content is shown without it{(only.Count > 1 ? $" ({Lines(only)})" : "")}")
            : new ContentException(path, $"line {first}: template calls of another tool that the site does not understand, shown without them: "
                + string.Join(", ", calls.Select(call => $"{call.Key} ({Lines(call.Value)})")));
    }

    private sealed class Expansion(string text, int bodyStart, Func<string, string?> parameter)
    {
        public StringBuilder Output { get; } = new(text.Length);

        /// <summary>Each call not understood, as written (<c>{% include %}</c>), with the lines it is on.</summary>
        public Dictionary<string, List<int>> NotUnderstood { get; } = new(StringComparer.Ordinal);

        /// <summary>Where each closing delimiter occurs next, so that no stretch of text is searched twice.</summary>
        private readonly Dictionary<string, int> nextFound = new(StringComparer.Ordinal);

        private int at;
        private int line = 1;
        private bool lineStart = true;
        private bool previousLineBlank = true;
        private bool lineBlank = true;
        private bool inIndentedCode;

        /// <summary>In a list, whose items' paragraphs are indented: an indented line there is no code.</summary>
        private bool inList;
        private string? fence;

        public void Run()
        {
            Output.Append(text, 0, bodyStart);
            for (var index = 0; index < bodyStart; index++)
                line += text[index] == '\n' ? 1 : 0;
            at = bodyStart;
            while (at < text.Length)
            {
                if (lineStart && StartLine())
                    continue;
                var character = text[at];
                if (character == '\n')
                {
                    NewLine();
                    continue;
                }
                if (fence is not null || inIndentedCode)
                    CopyCodeCharacter();
                else if (character == '`')
                    CopyCodeSpan();
                else if (character == '{' && TryCall())
                    continue;
                else
                    Copy(1);
            }
        }

        /// <summary>Notes a fence or indented code at a line's start; true when the line was copied whole (a fence line).</summary>
        private bool StartLine()
        {
            lineStart = false;
            var end = text.IndexOf('\n', at);
            var lineText = text.AsSpan(at, (end < 0 ? text.Length : end) - at);
            var indent = lineText.Length - lineText.TrimStart(' ').Length;
            var rest = lineText.TrimStart(' ');
            lineBlank = rest.Trim().IsEmpty;
            // A list goes on until a block at the margin follows a blank line; a line at the margin right after its text continues it.
            if (fence is null && !lineBlank && indent <= 3 && !inIndentedCode)
                inList = ListItem().IsMatch(rest) || (inList && !previousLineBlank);
            if (fence is null)
                inIndentedCode = (inIndentedCode || (previousLineBlank && !inList)) && !lineBlank && (indent >= 4 || rest.StartsWith("\t"));
            if (inIndentedCode || indent > 3)
                return false;
            var marker = rest.Length > 0 && rest[0] is '`' or '~' ? rest[..(rest.Length - rest.TrimStart(rest[0]).Length)] : default;
            if (fence is null && marker.Length >= 3 && !(marker[0] == '`' && rest[marker.Length..].Contains('`')))
                fence = marker.ToString();
            else if (fence is not null && marker.Length >= fence.Length && marker[0] == fence[0] && rest[marker.Length..].Trim().IsEmpty)
                fence = null;
            else
                return false;
            Copy(lineText.Length);
            return true;
        }

        private void NewLine()
        {
            Copy(1);
            line++;
            lineStart = true;
            previousLineBlank = lineBlank;
        }

        private void Copy(int length)
        {
            Output.Append(text, at, length);
            at += length;
        }

        /// <summary>Copies code: only Liquid's raw tags leave it, as Jekyll reads them wherever they are.</summary>
        private void CopyCode(int length)
        {
            var end = at + length;
            while (at < end)
            {
                if (text[at] == '{' && LiquidTagAt(at) is { } tag && tag.End <= end && tag.Name is "raw" or "endraw")
                    at = tag.End;
                else
                    Copy(1);
            }
        }

        /// <summary>Copies a character of a code block, or the whole of a raw tag starting there, which leaves it.</summary>
        private void CopyCodeCharacter()
        {
            if (text[at] == '{' && LiquidTagAt(at) is { Name: "raw" or "endraw" } tag)
                at = tag.End;
            else
                Copy(1);
        }

        /// <summary>A code span on one line, from its opening backticks to the same number closing it.</summary>
        private void CopyCodeSpan()
        {
            var run = text.AsSpan(at).Length - text.AsSpan(at).TrimStart('`').Length;
            var lineEnd = text.IndexOf('\n', at);
            var search = text.AsSpan(at + run, (lineEnd < 0 ? text.Length : lineEnd) - at - run);
            for (var offset = 0; offset < search.Length; offset++)
            {
                if (search[offset] != '`')
                    continue;
                var closing = search[offset..].Length - search[offset..].TrimStart('`').Length;
                if (closing == run)
                {
                    CopyCode(run + offset + closing);
                    return;
                }
                offset += closing - 1;
            }
            Copy(run);
        }

        private bool TryCall()
        {
            if (HugoCallAt(at) is { } hugo)
            {
                Hugo(hugo);
                return true;
            }
            if (LiquidTagAt(at) is { } tag)
            {
                Liquid(tag);
                return true;
            }
            if (LiquidOutputAt(at) is { } output)
            {
                Replace(output.End, LiquidOutput(output.Expression));
                return true;
            }
            return false;
        }

        // Hugo ---------------------------------------------------------------------------------------------------------

        private readonly record struct HugoCall(int End, bool Markdown, string Name, IReadOnlyList<(string? Key, string Value)> Arguments, string? Escaped);

        /// <summary>A shortcode at a position: <c>{{&lt; name args &gt;}}</c>, <c>{{% name args %}}</c>, or the escaped <c>{{&lt;/* … */&gt;}}</c>.</summary>
        private HugoCall? HugoCallAt(int start)
        {
            if ((Delimited(start, "{{<", ">}}") ?? Delimited(start, "{{%", "%}}")) is not var (inside, end))
                return null;
            var markdown = text[start + 2] == '%';
            if (inside.StartsWith("/*", StringComparison.Ordinal) && inside.EndsWith("*/", StringComparison.Ordinal))
                return new HugoCall(end, markdown, "", [], $"{text.AsSpan(start, 3)} {inside[2..^2].Trim()} {text.AsSpan(end - 3, 3)}");
            var arguments = Arguments(inside);
            if (arguments.Count == 0 || arguments[0].Key is not null)
                return null;
            return new HugoCall(end, markdown, arguments[0].Value, arguments[1..], null);
        }

        private void Hugo(HugoCall call)
        {
            if (call.Escaped is not null)
            {
                Replace(call.End, call.Escaped);
                return;
            }
            string Named(string key, int position = -1) =>
                call.Arguments.FirstOrDefault(argument => argument.Key == key).Value
                ?? (position >= 0 && call.Arguments.Where(argument => argument.Key is null).ElementAtOrDefault(position) is { Value: { } value } ? value : "");
            switch (call.Name)
            {
                case "figure":
                    Replace(call.End, Figure(Named("src"), Named("alt"), [Named("title"), Named("caption"), Named("attr")]));
                    break;
                case "youtube":
                    Replace(call.End, VideoLink("https://www.youtube.com/watch?v=", Named("id", 0), Named("title")));
                    break;
                case "vimeo":
                    Replace(call.End, VideoLink("https://vimeo.com/", Named("id", 0), Named("title")));
                    break;
                case "ref" or "relref":
                    Replace(call.End, ArticleUrl(Named("path", 0), call));
                    break;
                case "param":
                    Replace(call.End, parameter(Named("name", 0)) ?? NotUnderstoodCall($"{{{{% param {Named("name", 0)} %}}}}", ""));
                    break;
                case "highlight":
                    Code(call.End, Named("lang", 0), call.Markdown ? "{{%" : "{{<", "/highlight");
                    break;
                default:
                    Replace(call.End, call.Name.StartsWith('/') ? "" : NotUnderstoodCall(call.Markdown ? $"{{{{% {call.Name} %}}}}" : $"{{{{< {call.Name} >}}}}", ""));
                    break;
            }
        }

        // Liquid -------------------------------------------------------------------------------------------------------

        private readonly record struct LiquidTag(int End, string Name, string Markup);

        /// <summary>A Liquid tag at a position: <c>{% name markup %}</c>, with or without Liquid's <c>-</c> trimming marks.</summary>
        private LiquidTag? LiquidTagAt(int start)
        {
            if (Delimited(start, "{%", "%}") is not var (inside, end))
                return null;
            var nameLength = inside.AsSpan().IndexOfAny(" \t\r\n");
            var name = nameLength < 0 ? inside : inside[..nameLength];
            if (name.Length == 0 || !name.All(character => char.IsAsciiLetterOrDigit(character) || character == '_'))
                return null;
            return new LiquidTag(end, name, nameLength < 0 ? "" : inside[nameLength..].Trim());
        }

        private void Liquid(LiquidTag tag)
        {
            switch (tag.Name)
            {
                case "raw":
                    Raw(tag.End);
                    break;
                case "comment":
                    var close = EndTag(tag.End, "endcomment");
                    Replace(close?.End ?? tag.End, "");
                    break;
                case "highlight":
                    Code(tag.End, tag.Markup.Split(' ', 2)[0], "{%", "endhighlight");
                    break;
                case "post_url":
                    Replace(tag.End, ArticleUrl(tag.Markup, null));
                    break;
                case "link" when tag.Markup.StartsWith("_posts/", StringComparison.Ordinal):
                    Replace(tag.End, ArticleUrl(tag.Markup, null));
                    break;
                case "link":
                    Replace(tag.End, NotUnderstoodCall($"{{% link {tag.Markup} %}}", ""));
                    break;
                default:
                    var quiet = tag.Name == "endraw" || tag.Name.StartsWith("end", StringComparison.Ordinal) || LiquidContinuations.Contains(tag.Name);
                    Replace(tag.End, quiet ? "" : NotUnderstoodCall($"{{% {tag.Name} %}}", ""));
                    break;
            }
        }

        private readonly record struct LiquidOutputCall(int End, string Expression);

        private LiquidOutputCall? LiquidOutputAt(int start)
        {
            if (Delimited(start, "{{", "}}") is not var (expression, end))
                return null;
            return expression.Length == 0 || expression.Contains('{', StringComparison.Ordinal) ? null : new LiquidOutputCall(end, expression);
        }

        /// <summary>A string or the site's own address, through <c>relative_url</c> or <c>absolute_url</c>: the site serves at its root.</summary>
        private string LiquidOutput(string expression)
        {
            var parts = expression.Split('|', StringSplitOptions.TrimEntries);
            var value = parts[0];
            if (parts[1..].All(filter => filter is "relative_url" or "absolute_url"))
            {
                if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
                    return value[1..^1];
                if (value is "site.baseurl" or "site.url")
                    return "";
            }
            return NotUnderstoodCall($"{{{{ {value} }}}}", "");
        }

        private void Raw(int contentStart)
        {
            var close = EndTag(contentStart, "endraw");
            var contentEnd = close?.Start ?? text.Length;
            Output.Append(text, contentStart, contentEnd - contentStart);
            CountLines(at, contentEnd);
            at = close?.End ?? text.Length;
        }

        /// <summary>The next Liquid end tag of a name, from a position, where it starts and ends.</summary>
        private (int Start, int End)? EndTag(int from, string name)
        {
            for (var start = Find("{%", from, anywhere: true); start >= 0; start = Find("{%", start + 2, anywhere: true))
            {
                if (LiquidTagAt(start) is { } tag && tag.Name == name)
                    return (start, tag.End);
            }
            return null;
        }

        // Both ---------------------------------------------------------------------------------------------------------

        /// <summary>What a call written between two delimiters at a position holds (without Liquid's <c>-</c> marks), and where it ends; null for none there.</summary>
        private (string Inside, int End)? Delimited(int start, string opening, string closing)
        {
            if (!text.AsSpan(start).StartsWith(opening, StringComparison.Ordinal))
                return null;
            var end = Find(closing, start + opening.Length);
            return end < 0 ? null : (text.AsSpan(start + opening.Length, end - start - opening.Length).Trim('-').Trim().ToString(), end + closing.Length);
        }

        /// <summary>A highlight block as a fenced code block: its content verbatim, up to its closing call.</summary>
        private void Code(int contentStart, string language, string opening, string closingName)
        {
            var (contentEnd, end) = (-1, -1);
            for (var start = Find(opening, contentStart, anywhere: true); start >= 0 && end < 0; start = Find(opening, start + 2, anywhere: true))
            {
                var closing = opening == "{%"
                    ? LiquidTagAt(start) is { } tag && tag.Name == closingName ? tag.End : -1
                    : HugoCallAt(start) is { } call && call.Name == closingName ? call.End : -1;
                (contentEnd, end) = closing < 0 ? (-1, -1) : (start, closing);
            }
            if (end < 0)
            {
                // Without its end, the call is dropped and what follows is read as Markdown.
                Replace(contentStart, NotUnderstoodCall($"{opening} highlight {(opening == "{%" ? "%}" : opening[2] + "}}")} without its end", ""));
                return;
            }
            var code = text[contentStart..contentEnd];
            var longestRun = 0;
            for (var (index, run) = (0, 0); index < code.Length; index++, longestRun = Math.Max(longestRun, run))
                run = code[index] == '`' ? run + 1 : 0;
            var fenceText = new string('`', Math.Max(3, longestRun + 1));
            var body = code.TrimStart(' ', '\t').StartsWith('\n') ? code.TrimStart(' ', '\t')[1..] : code;
            var ending = body.EndsWith('\n') ? "" : "\n";
            Replace(end, $"{fenceText}{language}\n{body}{ending}{fenceText}");
        }

        /// <summary>Writes the expansion of the text from <see cref="at"/> to <paramref name="end"/>, keeping its line breaks.</summary>
        private void Replace(int end, string expansion)
        {
            var breaks = text.AsSpan(at, end - at).Count('\n') - expansion.AsSpan().Count('\n');
            Output.Append(expansion).Append('\n', Math.Max(0, breaks));
            CountLines(at, end);
            at = end;
        }

        private void CountLines(int from, int to) => line += text.AsSpan(from, to - from).Count('\n');

        private string NotUnderstoodCall(string written, string replacement)
        {
            if (!NotUnderstood.TryGetValue(written, out var lines))
                NotUnderstood[written] = lines = [];
            if (lines.Count == 0 || lines[^1] != line)
                lines.Add(line);
            return replacement;
        }

        /// <summary>The article a reference names (a path, a file name, a Jekyll post's name) at its URL here.</summary>
        private string ArticleUrl(string reference, HugoCall? call)
        {
            var target = reference.Trim().Trim('"', '\'');
            var fragment = target.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? target[hash..] : "";
            target = target[..(target.Length - fragment.Length)].TrimEnd('/');
            var slug = ArticleParser.NameSlug(target.Contains('.', StringComparison.Ordinal) ? target : target + ".md");
            if (target.Length == 0 || !FrontMatter.IsValidSlug(slug))
                return NotUnderstoodCall(call is { } hugo ? $"{{{{< {hugo.Name} \"{target}\" >}}}}" : $"{{% link {target} %}}", "");
            return SiteRoutes.ArticlePage(slug) + fragment;
        }

        /// <summary>
        /// The next occurrence of <paramref name="needle"/> from a position; -1 for none, or, unless <paramref name="anywhere"/>,
        /// for one farther than a call may run (a later call may still reach it). Each occurrence is found once.
        /// </summary>
        private int Find(string needle, int from, bool anywhere = false)
        {
            if (!nextFound.TryGetValue(needle, out var found) || (found >= 0 && found < from))
                nextFound[needle] = found = text.IndexOf(needle, from, StringComparison.Ordinal);
            return found >= 0 && (anywhere || found - from <= MaxCallLength) ? found : -1;
        }
    }

    /// <summary>An image alone on its line (the site's figure), its caption the parts given.</summary>
    private static string Figure(string source, string alt, string[] captionParts)
    {
        var caption = string.Join(" ", captionParts.Where(part => part.Length > 0));
        alt = alt.Length > 0 ? alt : caption;
        var title = caption.Length > 0 ? $" \"{Escape(caption, "\"\\")}\"" : "";
        return $"![{Escape(alt, TextCharacters)}](<{Escape(source, "<>\\")}>{title})";
    }

    /// <summary>A link to a video (pages allow no frames), its text the title given, else its address.</summary>
    private static string VideoLink(string prefix, string id, string title)
    {
        var url = prefix + Uri.EscapeDataString(id);
        return title.Length > 0 ? $"[{Escape(title, TextCharacters)}]({url})" : $"<{url}>";
    }

    /// <summary>What a shortcode's text argument may not carry into Markdown: it is text in Hugo, never a tag, an entity or a link.</summary>
    private const string TextCharacters = "[]\\<>&`";

    private static string Escape(string text, string characters)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var character in text.ReplaceLineEndings(" "))
            (characters.Contains(character) ? escaped.Append('\\') : escaped).Append(character);
        return escaped.ToString();
    }

    /// <summary>A shortcode's arguments: the name first, then positional values and <c>key=value</c> pairs, quoted with " or `.</summary>
    private static List<(string? Key, string Value)> Arguments(string inside)
    {
        var arguments = new List<(string? Key, string Value)>();
        var index = 0;
        while (index < inside.Length)
        {
            if (char.IsWhiteSpace(inside[index]))
            {
                index++;
                continue;
            }
            string? key = null;
            var equals = inside.IndexOf('=', index);
            var space = inside.IndexOfAny([' ', '\t', '\n', '"', '`'], index);
            if (equals > index && (space < 0 || equals < space))
            {
                key = inside[index..equals];
                index = equals + 1;
            }
            string value;
            if (index < inside.Length && inside[index] is '"' or '`')
            {
                var quote = inside[index];
                var close = inside.IndexOf(quote, index + 1);
                if (close < 0)
                    close = inside.Length;
                value = inside[(index + 1)..close];
                index = close + 1;
            }
            else
            {
                var end = inside.IndexOfAny([' ', '\t', '\n'], index);
                if (end < 0)
                    end = inside.Length;
                value = inside[index..end];
                index = end;
            }
            arguments.Add((key, value));
        }
        return arguments;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|\z)")]
    private static partial System.Text.RegularExpressions.Regex ListItem();
}
