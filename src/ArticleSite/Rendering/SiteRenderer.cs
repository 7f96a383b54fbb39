using ArticleSite.Operations;

namespace ArticleSite.Rendering;

/// <summary>Files every resource of a snapshot for one public origin under its URL.</summary>
public static class SiteRenderer
{
    /// <summary>
    /// Nothing is rendered here: each resource is made on the first request for it, and kept. So start-up and reload
    /// cost little per article, and a request costs the same for one article or ten thousand.
    /// Making runs on the thread pool, never on the socket thread that serves the request and its neighbours.
    /// </summary>
    /// <param name="sitemapUrlsPerFile">URLs in one child sitemap: <see cref="SiteFiles.MaxSitemapUrls"/> but where configured lower.</param>
    public static Task<RenderedSite> RenderAsync(SiteSnapshot snapshot, string origin, int sitemapUrlsPerFile = SiteFiles.MaxSitemapUrls)
    {
        var resources = new Dictionary<string, Lazy<Task<Resource>>>(snapshot.Articles.Count * 4 + 20, StringComparer.Ordinal);
        void Add(string path, Func<Task<Resource>> make) => resources[path] = new(() =>
        {
            SiteMetrics.Rendered();
            return Task.Run(make);
        });

        Lazy<Task<ArticleRendition>>? leadRendition = null;
        foreach (var article in snapshot.Articles)
        {
            var slug = article.Metadata.Slug;
            var rendition = new Lazy<Task<ArticleRendition>>(() => ArticleRendition.RenderAsync(article, origin, SiteRoutes.ArticlePage(slug), snapshot.Identity));
            Add(SiteRoutes.ArticlePage(slug), async () => new Resource((await rendition.Value).Negotiable));
            Add(SiteRoutes.ArticleText(slug), async () => new Resource((await rendition.Value).Text));
            Add(SiteRoutes.ArticleMarkdown(slug), async () => new Resource((await rendition.Value).Markdown));
            Add(SiteRoutes.ArticleJson(slug), async () => new Resource((await rendition.Value).Json));
            if (ReferenceEquals(article, snapshot.Lead))
                leadRendition = rendition;
        }

        var lead = snapshot.Lead;
        Add(SiteRoutes.LeadText, async () => new Resource((await leadRendition!.Value).Text));
        Add(SiteRoutes.LeadMarkdown, async () => new Resource((await leadRendition!.Value).Markdown));
        Add(SiteRoutes.LeadJson, async () => new Resource((await leadRendition!.Value).Json));
        if (snapshot.Others.Count == 0)
        {
            // One article: "/" is its page, the same bytes under the same ETag.
            resources[SiteRoutes.Home] = resources[SiteRoutes.ArticlePage(lead.Metadata.Slug)];
        }
        else
        {
            Add(SiteRoutes.Home, async () =>
            {
                var rendition = await leadRendition!.Value;
                var frontPage = Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderFrontPageAsync(snapshot, origin + SiteRoutes.Home));
                return new Resource([frontPage, rendition.Text, rendition.Markdown, rendition.Json]);
            });
            for (var page = 1; page <= ArchivePageModel.PagesFor(snapshot.Articles.Count); page++)
            {
                var number = page;
                Add(SiteRoutes.ArchivePage(number), async () =>
                    new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderArchiveAsync(snapshot, number, origin))));
            }
        }

        if (snapshot.Tags.All.Count > 0)
            Add(SiteRoutes.Tags, async () => new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderTagsAsync(snapshot, origin))));
        foreach (var tag in snapshot.Tags.All)
        {
            for (var page = 1; page <= ArchivePageModel.PagesFor(tag.Articles.Count); page++)
            {
                var number = page;
                Add(SiteRoutes.Lookup(SiteRoutes.TagPage(tag.Slug, number)), async () =>
                    new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderArchiveAsync(snapshot, number, origin, tag))));
            }
            Add(SiteRoutes.Lookup(SiteRoutes.TagFeed(tag.Slug)), () => Task.FromResult(new Resource(new Representation("application/atom+xml; charset=utf-8", FeedRenderer.Render(tag.Articles, origin, snapshot.Identity, tag)))));
        }

        Add(SiteRoutes.Feed, () => Task.FromResult(new Resource(new Representation("application/atom+xml; charset=utf-8", FeedRenderer.Render(snapshot.Articles, origin, snapshot.Identity)))));
        // Always an index, even of one child: crawlers and robots.txt find the same kind of file at one URL however many articles there are.
        Add(SiteRoutes.Sitemap, () => Task.FromResult(new Resource(new Representation("application/xml; charset=utf-8", SiteFiles.SitemapIndex(snapshot, origin, sitemapUrlsPerFile)))));
        for (var part = 1; part <= SiteFiles.SitemapPartCount(snapshot, sitemapUrlsPerFile); part++)
        {
            var urls = SiteFiles.SitemapUrls(snapshot, origin).Skip((part - 1) * sitemapUrlsPerFile).Take(sitemapUrlsPerFile);
            Add(SiteRoutes.SitemapPart(part), () => Task.FromResult(new Resource(new Representation("application/xml; charset=utf-8", SiteFiles.Sitemap(urls)))));
        }
        Add(SiteRoutes.Robots, () => Task.FromResult(new Resource(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Robots(origin)))));
        Add(SiteRoutes.Llms, () => Task.FromResult(new Resource(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Llms(snapshot.Articles, origin, snapshot.Identity)))));
        Add(SiteRoutes.Favicon, () => Task.FromResult(new Resource(new Representation("image/x-icon", SiteFiles.Embedded("favicon.ico")))));
        Add(SiteRoutes.Icon, () => Task.FromResult(new Resource(new Representation("image/svg+xml", snapshot.Identity.IconSvg ?? SiteFiles.Embedded("icon.svg")))));
        return Task.FromResult(new RenderedSite(resources) { SitemapUrlsPerFile = sitemapUrlsPerFile });
    }
}
