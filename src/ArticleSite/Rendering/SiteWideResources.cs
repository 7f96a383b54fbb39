namespace ArticleSite.Rendering;

/// <summary>
/// The resources of a snapshot that are not one article's (front page, archive and tag pages, feeds, sitemaps, the files
/// for crawlers), for one public origin: each filed under its URL with the recipe that makes it on the first request.
/// </summary>
internal static class SiteWideResources
{
    /// <summary>
    /// The site-wide resources by URL, each to be made on the first request for it and kept; nothing is rendered here. An
    /// article's URLs are not filed: <see cref="UrlTable"/> looks them up by slug. So start-up and reload cost little per
    /// article, and a request costs the same for one article or a hundred thousand.
    /// </summary>
    /// <param name="sitemapUrlsPerFile">URLs in one child sitemap: <see cref="SiteFiles.MaxSitemapUrls"/> but where configured lower.</param>
    public static IReadOnlyDictionary<string, MadeOnce<Resource>> ByPath(SiteSnapshot snapshot, string origin, int sitemapUrlsPerFile)
    {
        var resources = new Dictionary<string, MadeOnce<Resource>>(StringComparer.Ordinal);
        void Add(string path, Func<Task<Resource>> make) => resources[path] = new(() =>
        {
            snapshot.Metrics.Rendered();
            return make();
        });
        void AddMade(string path, Func<Resource> make) => Add(path, () => Task.FromResult(make()));

        var lead = snapshot.Lead;
        if (snapshot.Others.Count > 0)
        {
            Add(SiteRoutes.Home, async () =>
            {
                var rendition = await snapshot.Bodies.GetAsync(lead, origin, path: null, snapshot.TranslationsOf(lead));
                var frontPage = Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderFrontPageAsync(snapshot, lead.Parse(), origin + SiteRoutes.Home));
                return new Resource([frontPage, .. rendition.Page.Representations.Skip(1)]);
            });
        }

        // Every page's masthead links the archive and the tags: they exist however few articles and tags there are.
        for (var page = 1; page <= ArchivePageModel.PagesFor(snapshot.Articles.Count); page++)
        {
            var number = page;
            Add(SiteRoutes.ArchivePage(number), async () =>
                new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderArchiveAsync(snapshot, number, origin))));
        }
        Add(SiteRoutes.Tags, async () => new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderTagsAsync(snapshot, origin))));
        foreach (var tag in snapshot.Tags.All)
        {
            for (var page = 1; page <= ArchivePageModel.PagesFor(tag.Articles.Count); page++)
            {
                var number = page;
                Add(SiteRoutes.Lookup(SiteRoutes.TagPage(tag.Slug, number)), async () =>
                    new Resource(Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderArchiveAsync(snapshot, number, origin, tag))));
            }
            AddMade(SiteRoutes.Lookup(SiteRoutes.TagFeed(tag.Slug)), () => new Resource(new Representation("application/atom+xml; charset=utf-8", FeedRenderer.Render(tag.Articles, origin, snapshot.Identity, tag))));
        }

        AddMade(SiteRoutes.Feed, () => new Resource(new Representation("application/atom+xml; charset=utf-8", FeedRenderer.Render(snapshot.Articles, origin, snapshot.Identity))));
        // Always an index, even of one child: crawlers and robots.txt find the same kind of file at one URL however many articles there are.
        AddMade(SiteRoutes.Sitemap, () => new Resource(new Representation("application/xml; charset=utf-8", SiteFiles.SitemapIndex(snapshot, origin, sitemapUrlsPerFile))));
        for (var part = 1; part <= SiteFiles.SitemapPartCount(snapshot, sitemapUrlsPerFile); part++)
        {
            var skip = (part - 1) * sitemapUrlsPerFile;
            AddMade(SiteRoutes.SitemapPart(part), () =>
                new Resource(new Representation("application/xml; charset=utf-8", SiteFiles.Sitemap(SiteFiles.SitemapUrls(snapshot, origin).Skip(skip).Take(sitemapUrlsPerFile)))));
        }
        AddMade(SiteRoutes.Robots, () => new Resource(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Robots(origin))));
        AddMade(SiteRoutes.Llms, () => new Resource(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Llms(snapshot.Articles, origin, snapshot.Identity))));
        AddMade(SiteRoutes.Favicon, () => new Resource(new Representation("image/x-icon", SiteFiles.Embedded("favicon.ico"))));
        AddMade(SiteRoutes.Icon, () => new Resource(new Representation("image/svg+xml", snapshot.Identity.IconSvg ?? SiteFiles.Embedded("icon.svg"))));
        return resources;
    }
}
