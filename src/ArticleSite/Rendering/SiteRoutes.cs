using System.Collections.Frozen;
using ArticleSite.Media;

namespace ArticleSite.Rendering;

/// <summary>
/// Every URL the site serves, defined once: how each is written, which route pattern maps it to its endpoint, and how an
/// article's URL is read back (<see cref="TryReadArticleUrl"/>). The URL table (<see cref="UrlTable"/>) files resources
/// under them; the endpoints look them up.
/// </summary>
internal static class SiteRoutes
{
    private const string ArticlesPrefix = "/articles/";

    private const string TextSuffix = ".txt";

    private const string MarkdownSuffix = ".md";

    private const string JsonSuffix = ".json";

    /// <summary>The route that takes every path no other route does: an article's old URL, a withdrawn one, any unknown one.</summary>
    public const string AnyPathPattern = "/{**path}";

    /// <summary>The lead article's page, or the front page when there are several articles.</summary>
    public const string Home = "/";

    /// <summary>The lead article as plain text.</summary>
    public const string LeadText = "/article" + TextSuffix;

    /// <summary>The lead article's Markdown source, as published.</summary>
    public const string LeadMarkdown = "/article" + MarkdownSuffix;

    /// <summary>The lead article as JSON.</summary>
    public const string LeadJson = "/article" + JsonSuffix;

    /// <summary>The Atom feed of the articles, with their full content.</summary>
    public const string Feed = "/feed.atom";

    /// <summary>The sitemap index (sitemaps.org), always an index, even of one child: robots.txt names this URL.</summary>
    public const string Sitemap = "/sitemap.xml";

    /// <summary>One child sitemap of the index, numbered from 1.</summary>
    public static string SitemapPart(int number) => $"/sitemaps/{number}.xml";

    /// <summary>The route of <see cref="SitemapPart"/>.</summary>
    public const string SitemapPartPattern = "/sitemaps/{part}.xml";

    public const string Robots = "/robots.txt";

    /// <summary>The llms.txt summary for language models.</summary>
    public const string Llms = "/llms.txt";

    public const string Favicon = "/favicon.ico";

    public const string Icon = "/icon.svg";

    /// <summary>The state of the published content, for load balancers and operators.</summary>
    public const string Health = "/healthz";

    /// <summary>The first page of every article, newest first, when there are several: the front page lists only the newest.</summary>
    public const string Archive = "/articles/";

    /// <summary>One page of the archive, numbered from 1: the first is <see cref="Archive"/> itself, the others under /articles/page/.</summary>
    public static string ArchivePage(int number) => number == 1 ? Archive : $"/articles/page/{number}/";

    /// <summary>The route of <see cref="ArchivePage"/> past the first.</summary>
    public const string ArchivePagePattern = "/articles/page/{page}/";

    /// <summary>Every tag, with its number of articles.</summary>
    public const string Tags = "/tags/";

    /// <summary>
    /// One page of a tag's articles, newest first, numbered from 1 like the archive's. The slug is percent-encoded: this is
    /// the path as links write it (<see cref="Lookup"/> gives the one a request arrives at).
    /// </summary>
    public static string TagPage(string slug, int number = 1) =>
        number == 1 ? $"/tags/{Uri.EscapeDataString(slug)}/" : $"/tags/{Uri.EscapeDataString(slug)}/page/{number}/";

    /// <summary>The routes of <see cref="TagPage"/>: its first page, and the others.</summary>
    public const string TagPagePattern = "/tags/{tag}/";

    /// <inheritdoc cref="TagPagePattern"/>
    public const string TagPageNumberPattern = "/tags/{tag}/page/{page}/";

    /// <summary>The Atom feed of a tag's newest articles.</summary>
    public static string TagFeed(string slug) => $"/tags/{Uri.EscapeDataString(slug)}/feed.atom";

    /// <summary>The route of <see cref="TagFeed"/>.</summary>
    public const string TagFeedPattern = "/tags/{tag}/feed.atom";

    /// <summary>A path as the server sees a request for it, decoded: how resources are filed.</summary>
    public static string Lookup(string path) => Uri.UnescapeDataString(path);

    /// <summary>An article's own page.</summary>
    public static string ArticlePage(string slug) => ArticlesPrefix + slug;

    /// <summary>An article as plain text.</summary>
    public static string ArticleText(string slug) => ArticlesPrefix + slug + TextSuffix;

    /// <summary>An article's Markdown source, as published.</summary>
    public static string ArticleMarkdown(string slug) => ArticlesPrefix + slug + MarkdownSuffix;

    /// <summary>An article as JSON.</summary>
    public static string ArticleJson(string slug) => ArticlesPrefix + slug + JsonSuffix;

    /// <summary>The route of an article's URLs in every form (<see cref="TryReadArticleUrl"/> reads them).</summary>
    public const string ArticlePattern = ArticlesPrefix + "{**article}";

    /// <summary>The form a URL of the lead article names (<see cref="LeadText"/> …); null for any other URL.</summary>
    /// <remarks>"/" is the lead article's page only when it is the one article: the URL table decides that.</remarks>
    public static ArticleForm? LeadForm(string path) => path switch
    {
        LeadText => ArticleForm.Text,
        LeadMarkdown => ArticleForm.Markdown,
        LeadJson => ArticleForm.Json,
        _ => null,
    };

    /// <summary>
    /// Reads a URL under /articles/ as one article's: the slug it names, and in which form (<see cref="ArticlePage"/>,
    /// <see cref="ArticleText"/> …). False for any other URL; the slug may name no article.
    /// </summary>
    public static bool TryReadArticleUrl(string path, out ReadOnlySpan<char> slug, out ArticleForm form)
    {
        slug = default;
        form = ArticleForm.Page;
        if (!path.StartsWith(ArticlesPrefix, StringComparison.Ordinal))
            return false;
        var name = path.AsSpan(ArticlesPrefix.Length);
        (form, var suffix) = name.EndsWith(TextSuffix) ? (ArticleForm.Text, TextSuffix.Length)
            : name.EndsWith(MarkdownSuffix) ? (ArticleForm.Markdown, MarkdownSuffix.Length)
            : name.EndsWith(JsonSuffix) ? (ArticleForm.Json, JsonSuffix.Length)
            : (ArticleForm.Page, 0);
        slug = name[..^suffix];
        return true;
    }

    /// <summary>The search page: a form, and the articles matching its <c>q</c>, 20 a page.</summary>
    public const string Search = "/search";

    /// <summary>One page of the results for a query, numbered from 1 (the first without a page number).</summary>
    public static string SearchPage(string query, int page = 1) =>
        page == 1 ? $"{Search}?q={Uri.EscapeDataString(query)}" : $"{Search}?q={Uri.EscapeDataString(query)}&page={page}";

    /// <summary>Where media files (pictures, sound, video, PDFs) are served: under the hash of their bytes, so each URL's bytes never change.</summary>
    public const string MediaPattern = MediaPrefix + "{hash}/{name}";

    private const string MediaPrefix = "/media/";

    /// <summary>A media file's URL, e.g. /media/3f2a…/summit.jpg.</summary>
    public static string Media(MediaFile file) => Media(file.Hash, file.UrlName);

    /// <summary>A URL under a media file's hash: the file's own (its name) or one of its picture variants' (e.g. summit-960.avif).</summary>
    public static string Media(string hash, string name) => $"{MediaPrefix}{hash}/{name}";

    /// <summary>True for a URL of <see cref="MediaPattern"/>'s form: one the site wrote for a media file or a picture variant.</summary>
    public static bool IsMedia(string url) => url.StartsWith(MediaPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Each old URL of the articles, with and without its trailing slash, to the page it redirects to. Given newest
    /// first, the newest article keeps an old URL that two articles name.
    /// </summary>
    public static FrozenDictionary<string, string> Redirects(IEnumerable<(string Slug, IReadOnlyList<string> Aliases)> articles)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slug, aliases) in articles)
        {
            foreach (var alias in aliases)
                redirects.TryAdd(alias, ArticlePage(slug));
            foreach (var alias in aliases.Where(alias => alias.Length > 1))
                redirects.TryAdd(alias.EndsWith('/') ? alias.TrimEnd('/') : alias + "/", ArticlePage(slug));
        }
        return redirects.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every URL of one article.</summary>
    public static IEnumerable<string> OfArticle(string slug) =>
        [ArticlePage(slug), ArticleText(slug), ArticleMarkdown(slug), ArticleJson(slug)];
}
