using System.Globalization;
using System.Text;
using System.Xml;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The small files crawlers, language models and browsers ask every site for: sitemap, robots.txt, llms.txt, icons.</summary>
internal static class SiteFiles
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>
    /// The sitemap protocol's limit of URLs in one sitemap file. Its other limit, 50 MB, is far off: an entry is its URL
    /// and a date, about 150 bytes, so 50,000 of them make about 7.5 MB.
    /// </summary>
    public const int MaxSitemapUrls = 50_000;

    /// <summary>
    /// Every canonical page, made as it is read: the front page when there is one, then each article's, newest first; each
    /// with the date its article declares it last changed.
    /// </summary>
    public static IEnumerable<SitemapUrl> SitemapUrls(SiteSnapshot snapshot, string origin)
    {
        // With one article, "/" shows its page and names it as canonical: only that URL is listed.
        if (snapshot.Others.Count > 0)
            yield return new(origin + SiteRoutes.Home, snapshot.Articles.Max(article => article.Metadata.Modified));
        foreach (var article in snapshot.Articles)
            yield return new(origin + SiteRoutes.ArticlePage(article.Metadata.Slug), article.Metadata.Modified);
        // Then the tags' first pages, each dated by the newest change among its articles.
        if (snapshot.Tags.All.Count > 0)
            yield return new(origin + SiteRoutes.Tags, snapshot.Tags.All.SelectMany(tag => tag.Articles).Max(article => article.Metadata.Modified));
        foreach (var tag in snapshot.Tags.All)
            yield return new(origin + SiteRoutes.TagPage(tag.Slug), tag.Articles.Max(article => article.Metadata.Modified));
    }

    /// <summary>How many child sitemaps <see cref="SitemapUrls"/> fill, <paramref name="urlsPerFile"/> to a child.</summary>
    public static int SitemapPartCount(SiteSnapshot snapshot, int urlsPerFile) =>
        (snapshot.Articles.Count + (snapshot.Others.Count > 0 ? 1 : 0) + TagUrlCount(snapshot) + urlsPerFile - 1) / urlsPerFile;

    private static int TagUrlCount(SiteSnapshot snapshot) => snapshot.Tags.All.Count is 0 ? 0 : snapshot.Tags.All.Count + 1;

    /// <summary>The sitemap index: each child sitemap with the newest date of the URLs it lists.</summary>
    public static byte[] SitemapIndex(SiteSnapshot snapshot, string origin, int urlsPerFile) => WriteXml(writer =>
    {
        writer.WriteStartElement("sitemapindex", SitemapNamespace);
        var number = 0;
        foreach (var part in SitemapUrls(snapshot, origin).Chunk(urlsPerFile))
        {
            writer.WriteStartElement("sitemap", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, origin + SiteRoutes.SitemapPart(++number));
            writer.WriteElementString("lastmod", SitemapNamespace, part.Max(url => url.LastModified).Iso);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    /// <summary>One child sitemap: at most <see cref="MaxSitemapUrls"/> URLs.</summary>
    public static byte[] Sitemap(IEnumerable<SitemapUrl> urls) => WriteXml(writer =>
    {
        writer.WriteStartElement("urlset", SitemapNamespace);
        foreach (var url in urls)
        {
            writer.WriteStartElement("url", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, url.Location);
            writer.WriteElementString("lastmod", SitemapNamespace, url.LastModified.Iso);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    private static byte[] WriteXml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            write(writer);
        return stream.ToArray();
    }

    public static string Robots(string origin) => $"""
        User-agent: *
        Allow: /
        Disallow: {SiteRoutes.Search}

        Sitemap: {origin}{SiteRoutes.Sitemap}

        """;

    /// <summary>
    /// llms.txt lists this many of the newest articles: a model reads the whole file into its context, so it stays a few
    /// kilobytes however large the archive; the rest are one link away, in the archive and the sitemap.
    /// </summary>
    public const int LlmsListLength = 50;

    /// <summary>
    /// The llms.txt convention (llmstxt.org): the site's name, a one-line summary, links to the Markdown of the newest
    /// articles, and, under "Optional", where every other article is listed.
    /// </summary>
    public static string Llms(IReadOnlyList<Article> articles, string origin, SiteIdentity? site = null)
    {
        site ??= SiteIdentity.Default;
        var llms = new StringBuilder($"# {site.Name}\n\n> {site.Description ?? articles[0].Metadata.Summary}\n\n## Articles\n\n");
        foreach (var article in articles.Take(LlmsListLength))
        {
            var (metadata, slug) = (article.Metadata, article.Metadata.Slug);
            llms.Append(CultureInfo.InvariantCulture,
                $"- [{metadata.Title}]({origin}{SiteRoutes.ArticleMarkdown(slug)}): {metadata.DisplayDate}, also as [plain text]({origin}{SiteRoutes.ArticleText(slug)}) and [JSON]({origin}{SiteRoutes.ArticleJson(slug)})\n");
        }
        if (articles.Count > LlmsListLength)
        {
            llms.Append(CultureInfo.InvariantCulture, $"\n## Optional\n\n- [All {articles.Count} articles]({origin}{SiteRoutes.Archive}): newest first, {ArchivePageModel.PageLength} a page\n");
            llms.Append(CultureInfo.InvariantCulture, $"- [Sitemap]({origin}{SiteRoutes.Sitemap}): every article's page, with the date it last changed\n");
        }
        return llms.ToString();
    }

    public static byte[] Embedded(string name)
    {
        using var stream = typeof(SiteFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the assembly");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}

/// <summary>One page of the sitemap: its absolute URL and the date its article declares it last changed.</summary>
internal sealed record SitemapUrl(string Location, ArticleDate LastModified);
