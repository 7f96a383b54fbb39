using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>
/// Turns an article file's text into an <see cref="Article"/>: front matter fields under any of their common names, and
/// for what the front matter leaves out, the body (title, summary) and the file's name and folders (date, slug).
/// </summary>
internal static partial class ArticleParser
{
    /// <summary>A summary taken from the first paragraph is cut at a word boundary to about this many characters.</summary>
    public const int SummaryLength = 200;

    /// <param name="parseMarkdown">Parses Markdown within the file's budgets; by default, the default limits without a deadline.</param>
    /// <param name="rereader">Where the text is read again from; by default the text itself, kept in memory.</param>
    /// <param name="versionHash">The hash of the bytes the text was decoded from; by default that of its UTF-8.</param>
    public static ParsedArticle Parse(string text, string path, Func<string, MarkdownDocument>? parseMarkdown = null, ArticleRereader? rereader = null, UInt128? versionHash = null)
    {
        parseMarkdown ??= body => MarkdownBudget.ParseWithin(body, path, new ContentLimits(), RawHtml.Sanitize, deadline: long.MaxValue);
        var (fields, bodyStart) = FrontMatter.Split(text, path);
        var (markdown, calls) = TemplateCalls.Expand(text, bodyStart, path, name => fields.Text(name));
        var (document, body) = ParseBody(markdown, bodyStart, parseMarkdown);

        var title = fields.Text("title") ?? TakeTitleHeading(document)
            ?? throw new ContentException(path, "front matter has no 'title', and the body has no '# ' heading to take it from");
        HeadingOutline.Apply(document);
        if (!document.Any(block => block is not (LinkReferenceDefinitionGroup or HeadingBlock)))
            throw new ContentException(path, "the article has no body below its front matter");
        var summary = fields.Text("summary", "description", "excerpt", "subtitle") ?? SummaryOf(document)
            ?? throw new ContentException(path, "front matter has no 'summary', and the body has no paragraph of text to take it from");

        // A Jekyll permalink pattern (/news/:year/:title/) names no one address: it is not an old URL.
        var oldUrl = fields.Text(OldUrlFields) is { } url && !UrlPattern().IsMatch(url) ? url : null;
        var date = fields.Date("date") ?? fields.Date("publishDate", "pubDate") ?? ArticleDate.FromPath(path)
            ?? (oldUrl is null ? null : ArticleDate.FromUrl(oldUrl))
            ?? throw new ContentException(path, "front matter has no 'date', and the file name has none either (as in 2025-11-01-slug.md)");
        var language = fields.Text("lang", "language") ?? LanguageFolderOf(path);
        if (language is not null && !IsLanguageTag(language))
            throw new ContentException(path, $"front matter 'lang' is '{language}', expected a language tag such as en, ko or pt-BR");

        var (slug, aliases) = SlugAndAliases(fields, oldUrl, path);
        var metadata = new ArticleMetadata(title, summary, date, slug, language, fields.Text("source"), fields.Text("section"))
        {
            Lead = fields.Flag("lead") ?? false,
            Updated = fields.Date("lastmod", "updated", "modified", "last_modified_at"),
            PublishDate = fields.Date("publishDate", "pubDate"),
            Expiry = fields.Date("expiryDate", "unpublishDate"),
            Draft = fields.Flag("draft") == true || fields.Flag("published") == false,
            Authors = [.. fields.Texts(["author", "authors", "by"], nameKey: "name", splitCommas: false).SelectMany(Byline.Parse)
                .DistinctBy(author => author.Name, StringComparer.OrdinalIgnoreCase)],
            Tags = fields.Texts(["tags", "categories", "category", "keywords"]),
            Aliases = aliases,
            Image = fields.TextOrTableField("image", "image", "cover"),
            TranslationKey = fields.Text("translationKey") ?? NameSlug(path),
        };
        var article = new Article(metadata, path)
        {
            Reading = CountWords(document, body),
            VersionHash = versionHash ?? Article.HashOf(System.Text.Encoding.UTF8.GetBytes(text)),
            Rereader = rereader ?? ArticleRereader.OfText(text),
        };
        return new ParsedArticle(article, markdown, document) { Problems = calls };
    }

    /// <summary>
    /// The language a multilingual site's folder gives the files in it: the first folder of <paramref name="path"/>
    /// (relative to the content folder), when it is a language tag the site has words for (<c>ja</c>, <c>zh-cn</c>, <c>de-AT</c>); else null.
    /// </summary>
    public static string? LanguageFolderOf(string path) =>
        path.Replace('\\', '/').Split('/') is [var folder, _, ..] && IsLanguageTag(folder) && SpokenLanguages.Has(folder) ? folder : null;

    /// <summary>True for a language tag such as en, ko or pt-BR.</summary>
    public static bool IsLanguageTag(string text) => LanguagePattern().IsMatch(text);

    /// <summary>True for an alias as the parser keeps it: an absolute URL path such as /2019/03/old-name/.</summary>
    public static bool IsAliasPath(string path) => AliasPattern().IsMatch(path);

    /// <summary>
    /// The body's syntax tree, and the text its positions refer to. Markdig's front matter extension skips YAML front
    /// matter itself, so the file's own text is parsed and no copy of it is kept beside it (the articles' text is most of
    /// what a large site keeps in memory). TOML front matter, or YAML that Markdig would end elsewhere, is blanked out
    /// in a copy of the same length, which keeps every position and line number the file's.
    /// </summary>
    private static (MarkdownDocument Document, string Body) ParseBody(string text, int bodyStart, Func<string, MarkdownDocument> parseMarkdown)
    {
        var document = parseMarkdown(text);
        if (bodyStart == 0)
            return (document, text);
        if (document.FirstOrDefault() is YamlFrontMatterBlock frontMatter && document.Skip(1).All(block => block.Span.Start >= bodyStart))
        {
            document.Remove(frontMatter);
            return (document, text);
        }

        var body = string.Create(text.Length, (text, bodyStart), static (characters, state) =>
        {
            state.text.AsSpan().CopyTo(characters);
            foreach (ref var character in characters[..state.bodyStart])
                character = character is '\n' or '\r' ? character : ' ';
        });
        return (parseMarkdown(body), body);
    }

    /// <summary>The first '# ' heading's text, taken out of the body so that the page does not show the title twice.</summary>
    private static string? TakeTitleHeading(MarkdownDocument document)
    {
        if (document.OfType<HeadingBlock>().FirstOrDefault(heading => heading.Level == 1) is not { } heading)
            return null;
        var title = InlineText.Of(heading.Inline);
        if (title.Length == 0)
            return null;
        document.Remove(heading);
        return title;
    }

    /// <summary>The first paragraph's text (in a list or quotation too), cut at the last word boundary before <see cref="SummaryLength"/>.</summary>
    private static string? SummaryOf(MarkdownDocument document)
    {
        var paragraph = document.Descendants<ParagraphBlock>().Select(block => InlineText.Of(block.Inline)).FirstOrDefault(text => text.Length > 0);
        if (paragraph is null)
            return null;
        paragraph = WhiteSpace().Replace(paragraph, " ");
        if (paragraph.Length <= SummaryLength)
            return paragraph;
        var cut = paragraph.LastIndexOf(' ', SummaryLength);
        return (cut > 0 ? paragraph[..cut] : paragraph[..SummaryLength]).TrimEnd(',', ';', ':', ' ', '-', '–', '—') + "…";
    }

    /// <summary>The fields that keep an article's old address: Zola's <c>path</c>, Jekyll's <c>permalink</c>, Hugo's <c>url</c>.</summary>
    private static readonly string[] OldUrlFields = ["path", "permalink", "url"];

    /// <summary>
    /// The slug: the front matter's, else the last segment of its old URL (<see cref="OldUrlFields"/>), else the file's
    /// name without a leading date (Jekyll's 2025-01-29-slug.md), else, for a page bundle (slug/index.md), its folder's
    /// name; one taken from a name or URL is made a slug by <see cref="Loading.FileSlug.Of"/>. The old URL, the file's name
    /// where its slug is spelled differently (/articles/go1.22), and <c>aliases</c>/<c>redirect_from</c> redirect to the article.
    /// </summary>
    private static (string Slug, IReadOnlyList<string> Aliases) SlugAndAliases(FrontMatterFields fields, string? oldUrl, string path)
    {
        var name = OwnName(path);
        var (slug, spelled) = fields.Text("slug") is { } written ? (written, null)
            : oldUrl is not null ? (FileSlug.Of(LastSegment(oldUrl)), LastSegment(oldUrl))
            : (FileSlug.Of(name), name);
        if (!FrontMatter.IsValidSlug(slug))
            throw new ContentException(path, $"slug '{slug}' must be lowercase letters, digits and single hyphens");

        var aliases = fields.Texts(["aliases", "redirect_from"]).Prepend(oldUrl).OfType<string>()
            .Select(alias => AliasPath(alias, path)).ToList();
        if (spelled is not null && spelled != slug && AliasPattern().IsMatch("/articles/" + spelled))
            aliases.Add("/articles/" + spelled);
        return (slug, aliases.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>True when <paramref name="slug"/> is the one the file's own name gives: another file's may push it into its folders' (<see cref="Loading.FileSlug.JoinedWithFolders"/>).</summary>
    public static bool IsOwnNameSlug(string slug, string path) => NameSlug(path) == slug;

    private static string LastSegment(string url)
    {
        var segment = url.TrimEnd('/').Split('/')[^1];
        return DatePrefix().Replace(HtmlExtension().Replace(segment, ""), "");
    }

    /// <summary>The slug a file's name gives, as a reference to another article (Hugo's <c>ref</c>, Jekyll's <c>post_url</c>) names it.</summary>
    internal static string NameSlug(string path) => FileSlug.Of(OwnName(path));

    /// <summary>The file's name without extension and leading date, or its page bundle's folder's.</summary>
    private static string OwnName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (name == "index" && Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } folder)
            name = folder;
        return DatePrefix().Replace(name, "");
    }

    /// <summary>An old URL as the absolute path it answers at: a full URL's path, a relative path from the root.</summary>
    private static string AliasPath(string alias, string path)
    {
        var aliasPath = Uri.TryCreate(alias, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsolutePath : alias;
        aliasPath = "/" + aliasPath.TrimStart('/');
        return AliasPattern().IsMatch(aliasPath)
            ? aliasPath
            : throw new ContentException(path, $"alias '{alias}' is not a URL path such as /2019/03/old-name/");
    }

    /// <summary>
    /// The words a reader reads: those of every heading and paragraph, wherever it stands (lists, block quotations,
    /// table cells, footnotes), and of every figure's caption; not code.
    /// </summary>
    private static ReadingTime CountWords(MarkdownDocument document, string markdown)
    {
        var words = default(ReadingTime);
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is ParagraphBlock paragraph && ArticleFigure.ImageOf(paragraph) is { } image)
                words += ReadingTime.Of(ArticleFigure.CaptionOf(image));
            else if (block is ParagraphBlock or HeadingBlock)
                words += ReadingTime.Of(markdown.AsSpan(block.Span.Start, block.Span.Length));
        }
        return words;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}-")]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"(?:^|/):[a-z_]+(?:/|\z)|\{")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\.html?\z")]
    private static partial Regex HtmlExtension();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\z")]
    private static partial Regex LanguagePattern();

    // Printable ASCII path characters, no query, fragment or backslash, no '..' segment, at most 512 characters.
    [GeneratedRegex(@"^(?!.*/\.\.?(/|\z))/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]{0,511}\z")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
