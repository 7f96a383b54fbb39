using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ArticleSite.Loading;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArticleSite.Media;

/// <summary>What an article's media references resolved to: the files it publishes, its problems, and every file looked at.</summary>
/// <param name="Stamps">Every file a reference looked at, found or not: when one changes, appears or goes, the article is read again.</param>
public sealed record ResolvedMedia(IReadOnlyList<MediaFile> Files, IReadOnlyList<ContentException> Problems, IReadOnlyList<FileStamp> Stamps)
{
    public static ResolvedMedia None { get; } = new([], [], []);

    /// <summary>The first picture: the front matter's <c>image</c> when it names a file here, else the body's first.</summary>
    public MediaFile? FirstPicture => Files.FirstOrDefault(file => file.Format.IsImage);

    /// <summary>The file a reference names as the article writes it (e.g. "images/summit.jpg"); null when it names none published.</summary>
    public MediaFile? FileFor(string? reference) => reference is null ? null : Files.FirstOrDefault(file => file.Reference == reference);
}

/// <summary>A URL in an article's raw HTML that may name a media file.</summary>
/// <param name="Url">The URL, its character references decoded.</param>
/// <param name="Written">The URL as the file writes it.</param>
/// <param name="Position">Where <paramref name="Written"/> starts in the file's text.</param>
/// <param name="InSrcset">A candidate of a <c>srcset</c>, rather than an <c>img</c>'s <c>src</c>.</param>
internal readonly record struct RawHtmlUrl(string Url, int Line, string Written, int Position, bool InSrcset);

/// <summary>
/// Finds the media files an article refers to when it is read: every image, every relative link to a media file
/// (<c>report.pdf</c>), and every relative URL of its raw HTML's <c>&lt;img src&gt;</c> and <c>srcset</c> candidates
/// (of <c>&lt;img&gt;</c> and <c>&lt;source&gt;</c>). Each is resolved against the
/// article's folder (a leading '/' against the content folder), and must stay inside the content folder without passing
/// through a symbolic link, exist, be a regular file within <see cref="ContentLimits.MaxMediaBytes"/>, be one of the
/// <see cref="MediaFormat"/>s by its bytes and, for a picture, declare a size within
/// <see cref="ContentLimits.MaxMediaPixels"/> and be complete. A reference that fails is a problem of the article
/// (with its line); the article is published without it: an image shows its alt text, a link its text.
/// </summary>
internal static partial class MediaReferences
{
    /// <summary>Enough for any header with its Exif block (at most 64 KiB) before the frame size.</summary>
    private const int HeadBytes = 256 * 1024;

    private const int TailBytes = 64;

    /// <summary>Resolves the references of <paramref name="document"/>, and unwraps in it the images and links that cannot be published.</summary>
    /// <param name="articlePath">The article's path relative to <paramref name="folder"/>.</param>
    /// <param name="text">The text the document was parsed from: its positions give the references' lines.</param>
    /// <param name="frontMatterImage">The front matter's <c>image</c>: resolved first, so that it is the article's picture.</param>
    /// <param name="known">Files resolved before for the same bytes: taken as they were, without reading or hashing them again.</param>
    /// <param name="deadline">A <see cref="Stopwatch.GetTimestamp"/> value: past it, the reading stops with a <see cref="TimeoutException"/>, so that a load abandoned at its time budget does not read on.</param>
    public static ResolvedMedia Resolve(MarkdownDocument document, string text, string folder, string articlePath, ContentLimits limits, string? frontMatterImage = null, ResolvedMedia? known = null, long deadline = long.MaxValue)
    {
        var references = new List<(string Url, int Line, LinkInline? Link, bool InSrcset)>();
        if (IsLocal(frontMatterImage))
            references.Add((frontMatterImage!, 0, null, false));
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (IsLocal(link.Url) && (link.IsImage || MediaFormat.LinkedExtensions.Contains(Path.GetExtension(PathOf(link.Url!)))))
                references.Add((link.Url!, LineOf(link, text), link, false));
        }
        foreach (var url in RawHtmlUrls(document).Where(url => IsLocal(url.Url)))
            references.Add((url.Url, url.Line, null, url.InSrcset));
        if (references.Count == 0)
            return ResolvedMedia.None;

        var files = new Dictionary<string, MediaFile>(StringComparer.Ordinal);
        var inOrder = new List<MediaFile>();
        var problems = new List<ContentException>();
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        var unpublishable = new List<LinkInline>();
        foreach (var (url, line, link, inSrcset) in references)
        {
            if (files.ContainsKey(url))
                continue;
            StopAt(deadline);
            try
            {
                files[url] = known?.FileFor(url) ?? Read(url, folder, articlePath, limits, stamps, deadline);
                inOrder.Add(files[url]);
            }
            catch (Exception problem) when (problem is MediaProblem or IOException or UnauthorizedAccessException)
            {
                var reason = problem is MediaProblem ? problem.Message : $"cannot be read: {problem.Message}";
                problems.Add(new ContentException(articlePath, line == 0
                    ? $"front matter 'image' '{url}' {reason}; the article has no picture"
                    : $"line {line}: '{url}' {reason}; {(link is { IsImage: false } ? "its text is shown without the link" : inSrcset ? "the picture is offered without it" : "the alt text is shown instead")}"));
                if (link is not null)
                    unpublishable.Add(link);
            }
        }
        foreach (var link in unpublishable)
            Unwrap(link);
        foreach (var (url, _, link, _) in references)
        {
            if (link is not null && files.TryGetValue(url, out var file))
                link.SetData(typeof(MediaFile), file);
        }
        return new ResolvedMedia(inOrder, problems, [.. stamps.Values]);
    }

    /// <summary>The media file an image or link of a resolved document names; null for any other.</summary>
    public static MediaFile? FileOf(LinkInline link) => link.GetData(typeof(MediaFile)) as MediaFile;

    /// <summary>True when any file a reference looked at has changed, appeared or gone since <paramref name="stamps"/> were taken.</summary>
    public static bool Changed(IReadOnlyList<FileStamp> stamps) => stamps.Any(stamp => FileStamp.Of(stamp.FullPath) != stamp);

    /// <summary>
    /// The file's line (from 1) a link or image is on. Markdig gives inlines no position of their own, so its URL is
    /// looked for in its paragraph's text; where it is not found as written (an escaped URL), the paragraph's first line.
    /// </summary>
    private static int LineOf(LinkInline link, string text)
    {
        var container = link.Parent;
        while (container?.Parent is { } outer)
            container = outer;
        if (container?.ParentBlock is not { } block)
            return 1;
        var start = Math.Clamp(block.Span.Start, 0, text.Length);
        var end = Math.Clamp(block.Span.End + 1, start, text.Length);
        var found = text.AsSpan(start, end - start).IndexOf(link.Url, StringComparison.Ordinal);
        return text.AsSpan(0, found >= 0 ? start + found : start).Count('\n') + 1;
    }

    /// <summary>A relative URL: no scheme, not protocol-relative, not only a fragment or query.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrWhiteSpace(url) && url[0] is not ('#' or '?') && !url.StartsWith("//", StringComparison.Ordinal) && !HasScheme(url);

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var separator = url.IndexOfAny(['/', '?', '#']);
        return colon >= 0 && (separator < 0 || colon < separator);
    }

    /// <summary>The URL's path, without query or fragment, percent-decoded.</summary>
    private static string PathOf(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return Uri.UnescapeDataString(end >= 0 ? url[..end] : url);
    }

    private static void StopAt(long deadline)
    {
        if (Stopwatch.GetTimestamp() > deadline)
            throw new TimeoutException("the media files took longer than the article's time budget to read");
    }

    private static MediaFile Read(string url, string folder, string articlePath, ContentLimits limits, Dictionary<string, FileStamp> stamps, long deadline)
    {
        var path = PathOf(url);
        if (path.Length == 0 || path.Contains('\\') || path.Contains('\0'))
            throw new MediaProblem("is not a path to a file");
        var articleFolder = Path.GetDirectoryName(Path.Combine(folder, articlePath))!;
        var full = Path.GetFullPath(path.StartsWith('/') ? Path.Combine(folder, path.TrimStart('/')) : Path.Combine(articleFolder, path));
        var root = Path.TrimEndingDirectorySeparator(folder);
        if (!full.StartsWith(root + "/", StringComparison.Ordinal))
            throw new MediaProblem("points outside the content folder");
        var relative = ContentFolder.Relative(root, full);
        if (relative.Split('/').Any(segment => segment.StartsWith('.')))
            throw new MediaProblem("names a hidden file or folder");

        // Each folder on the way, and the file itself, must be what it says: a link anywhere could lead outside.
        if (ContentFolder.Walk(root, relative) is (var walked, { } problem))
        {
            // Watched where it stopped: the article is read again when the file appears or the link is replaced.
            stamps[walked] = FileStamp.Of(walked);
            throw new MediaProblem(problem);
        }
        var (handle, opened) = FileStatus.OpenForReading(full);
        using (handle)
        {
            stamps[full] = opened.Stamp;
            if (opened.Kind != EntryKind.File)
                throw new MediaProblem("is not a regular file");
            if (opened.Size == 0)
                throw new MediaProblem("is an empty file");
            if (opened.Size > limits.MaxMediaBytes)
                throw new MediaProblem($"is {opened.Size:N0} bytes, over the limit of {limits.MaxMediaBytes:N0} (ContentLimits:MaxMediaBytes)");

            var head = new byte[(int)Math.Min(opened.Size, HeadBytes)];
            head = head[..RandomAccess.Read(handle, head, 0)];
            var format = MediaFormat.Sniff(head)
                ?? throw new MediaProblem($"is not {MediaFormat.Allowed}, by its content");
            (int Width, int Height)? size = null;
            if (format.IsImage)
            {
                try
                {
                    size = ImageHeader.SizeOf(format, head);
                }
                catch (FormatException malformed)
                {
                    throw new MediaProblem($"is not a {format.Name} picture that can be shown: {malformed.Message}");
                }
                if (size is var (width, height) && (long)width * height > limits.MaxMediaPixels)
                    throw new MediaProblem($"declares {width:N0} × {height:N0} pixels, over the limit of {limits.MaxMediaPixels:N0} (ContentLimits:MaxMediaPixels)");
                var tail = new byte[(int)Math.Min(opened.Size, TailBytes)];
                RandomAccess.Read(handle, tail, opened.Size - tail.Length);
                if (!ImageHeader.IsComplete(format, tail))
                    throw new MediaProblem($"is cut short: the {format.Name} file does not end as one must");
            }

            var hash = MediaHash.Named(HashOf(handle, opened.Size, deadline));
            return new MediaFile(url, relative, format, hash, opened.Stamp, size?.Width, size?.Height);
        }
    }

    private static byte[] HashOf(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, long deadline)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        for (long offset = 0; offset < length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
                break;
            hash.AppendData(buffer, 0, read);
            offset += read;
            StopAt(deadline);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Every URL of the article's raw HTML that may name a media file: the <c>src</c> of each <c>img</c> tag and each
    /// candidate of an <c>img</c>'s or <c>source</c>'s <c>srcset</c>, in order, with its line and where it is written.
    /// </summary>
    public static IEnumerable<RawHtmlUrl> RawHtmlUrls(MarkdownDocument document)
    {
        foreach (var node in document.Descendants())
        {
            var (html, line, positionOf) = node switch
            {
                HtmlBlock block => (block.Lines.ToString(), block.Line + 1, PositionsIn(block.Lines)),
                HtmlInline inline => (inline.Tag, inline.Line + 1, offset => inline.Span.Start + offset),
                _ => ((string?)null, 0, (Func<int, int>)(_ => -1)),
            };
            if (html is null)
                continue;
            foreach (Match tag in ImageTag.Matches(html))
            {
                foreach (Match attribute in TagAttribute().Matches(tag.Value))
                {
                    var name = attribute.Groups["name"].Value.ToLowerInvariant();
                    var value = attribute.Groups["value"];
                    if (!value.Success || !(name == "srcset" || (name == "src" && tag.Groups["name"].Value.Equals("img", StringComparison.OrdinalIgnoreCase))))
                        continue;
                    var valueStart = tag.Index + value.Index;
                    IEnumerable<(int Start, int Length)> urls = name == "src"
                        ? [(valueStart, value.Length)]
                        : Srcset.Parse(value.Value).Select(candidate => (valueStart + candidate.Start, candidate.Length));
                    foreach (var (start, length) in urls)
                    {
                        var written = html.Substring(start, length);
                        yield return new RawHtmlUrl(System.Net.WebUtility.HtmlDecode(written), line + html.AsSpan(0, start).Count('\n'), written, positionOf(start), name == "srcset");
                    }
                }
            }
        }
    }

    /// <summary>Maps an offset in the lines joined by '\n' (as <see cref="Markdig.Helpers.StringLineGroup.ToString"/> joins them) to its position in the file.</summary>
    private static Func<int, int> PositionsIn(Markdig.Helpers.StringLineGroup lines)
    {
        var starts = new List<(int Joined, int Position)>();
        var joined = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            starts.Add((joined, lines.Lines[index].Slice.Start));
            joined += lines.Lines[index].Slice.Length + 1;
        }
        return offset => starts.Last(start => start.Joined <= offset) is var (lineStart, position) ? position + offset - lineStart : -1;
    }

    /// <summary>Keeps a link's text (an image's alt text) and drops the link itself.</summary>
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }

    /// <summary>
    /// An <c>img</c> or <c>source</c> start tag, to its closing '&gt;' (one in a quoted value does not end it). Without
    /// backtracking, the search is linear in the HTML; a backtracking one is not, over a long run of unclosed <c>&lt;img </c>.
    /// </summary>
    private static readonly Regex ImageTag = new(@"<(?<name>img|source)\b(?:[^>""']|""[^""]*""|'[^']*')*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    /// <summary>One attribute of a start tag, with its value if it has one: matched one after another, so a value is never read as an attribute.</summary>
    [GeneratedRegex(@"(?<name>[^\s""'>/=]+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'=<>`]+)))?")]
    private static partial Regex TagAttribute();

    /// <summary>Why one reference cannot be published, as the end of a sentence that starts with the reference.</summary>
    private sealed class MediaProblem(string message) : Exception(message);
}
