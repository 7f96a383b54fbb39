using System.Globalization;
using System.Text;
using System.Xml;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The small files crawlers, language models and browsers ask every site for: sitemap, robots.txt, llms.txt, icons.</summary>
public static class SiteFiles
{
    public const string SiteName = "ArticleSite";

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Every canonical page: each article's, and the front page when there is one; each with the date its article declares it last changed.</summary>
    public static byte[] Sitemap(SiteSnapshot snapshot, string origin)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            // With one article, "/" shows its page and names it as canonical: only that URL is listed.
            if (snapshot.Others.Count > 0)
                WriteUrl(writer, origin + SiteRoutes.Home, snapshot.Articles.Max(article => article.Metadata.Modified));
            foreach (var article in snapshot.Articles)
                WriteUrl(writer, origin + SiteRoutes.ArticlePage(article.Metadata.Slug), article.Metadata.Modified);
            writer.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <param name="lastModified">As the article declares it: a day, or a date-time with its author's offset.</param>
    private static void WriteUrl(XmlWriter writer, string location, ArticleDate lastModified)
    {
        writer.WriteStartElement("url", SitemapNamespace);
        writer.WriteElementString("loc", SitemapNamespace, location);
        writer.WriteElementString("lastmod", SitemapNamespace, lastModified.Iso);
        writer.WriteEndElement();
    }

    public static string Robots(string origin) => $"""
        User-agent: *
        Allow: /

        Sitemap: {origin}{SiteRoutes.Sitemap}

        """;

    /// <summary>The llms.txt convention (llmstxt.org): the site's name, a one-line summary, and links to the Markdown.</summary>
    public static string Llms(IReadOnlyList<Article> articles, string origin)
    {
        var llms = new StringBuilder($"# {SiteName}\n\n> {articles[0].Metadata.Summary}\n\n## Articles\n\n");
        foreach (var article in articles)
        {
            var (metadata, slug) = (article.Metadata, article.Metadata.Slug);
            llms.Append(CultureInfo.InvariantCulture,
                $"- [{metadata.Title}]({origin}{SiteRoutes.ArticleMarkdown(slug)}): {metadata.DisplayDate}, also as [plain text]({origin}{SiteRoutes.ArticleText(slug)}) and [JSON]({origin}{SiteRoutes.ArticleJson(slug)})\n");
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
