using System.Text;
using System.Xml;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The small files crawlers, language models and browsers ask every site for: sitemap, robots.txt, llms.txt, icons.</summary>
public static class SiteFiles
{
    public const string SiteName = "ArticleSite";

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static byte[] Sitemap(Article lead, string origin)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            writer.WriteStartElement("url", SitemapNamespace);
            writer.WriteElementString("loc", SitemapNamespace, origin + SiteRoutes.Home);
            writer.WriteElementString("lastmod", SitemapNamespace, lead.Metadata.IsoDate);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return stream.ToArray();
    }

    public static string Robots(string origin) => $"""
        User-agent: *
        Allow: /

        Sitemap: {origin}{SiteRoutes.Sitemap}

        """;

    /// <summary>The llms.txt convention (llmstxt.org): the site's name, a one-line summary, and links to the Markdown.</summary>
    public static string Llms(Article lead, string origin) => $"""
        # {SiteName}

        > {lead.Metadata.Summary}

        ## Articles

        - [{lead.Metadata.Title}]({origin}{SiteRoutes.LeadMarkdown}): {lead.Metadata.DisplayDate}, also as [plain text]({origin}{SiteRoutes.LeadText}) and [JSON]({origin}{SiteRoutes.LeadJson})

        """;

    public static byte[] Embedded(string name)
    {
        using var stream = typeof(SiteFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the assembly");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
