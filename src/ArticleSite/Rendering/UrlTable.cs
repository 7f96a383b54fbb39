using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// The URL table of a snapshot for one public origin: every resource of the site, by path; serving a request is one
/// lookup. The site-wide resources (<see cref="SiteWideResources"/>: front page, archive pages, feed, sitemaps, the files
/// for crawlers) are made on the first request for each and kept for the snapshot's life; an article's URL is read by
/// <see cref="SiteRoutes.TryReadArticleUrl"/>, looked up by its slug and served from the store of rendered bodies.
/// </summary>
internal sealed class UrlTable
{
    private readonly SiteSnapshot snapshot;

    private readonly string origin;

    private readonly IReadOnlyDictionary<string, MadeOnce<Resource>> siteWide;

    /// <param name="sitemapUrlsPerFile">URLs in one child sitemap: <see cref="SiteFiles.MaxSitemapUrls"/> but where configured lower.</param>
    public UrlTable(SiteSnapshot snapshot, string origin, int sitemapUrlsPerFile = SiteFiles.MaxSitemapUrls)
    {
        this.snapshot = snapshot;
        this.origin = origin;
        siteWide = SiteWideResources.ByPath(snapshot, origin, sitemapUrlsPerFile);
        SitemapUrlsPerFile = sitemapUrlsPerFile;
    }

    /// <summary>URLs in one child sitemap, as this table was made with: the next snapshot's is made alike.</summary>
    public int SitemapUrlsPerFile { get; }

    /// <summary>Every URL path the site serves.</summary>
    public IEnumerable<string> Paths =>
        snapshot.Articles.SelectMany(article => SiteRoutes.OfArticle(article.Metadata.Slug))
            .Concat(snapshot.Others.Count == 0 ? [SiteRoutes.Home] : [])
            .Concat([SiteRoutes.LeadText, SiteRoutes.LeadMarkdown, SiteRoutes.LeadJson])
            .Concat(siteWide.Keys);

    /// <summary>The resource at a path, made on the first request for it; null for a path the site does not serve.</summary>
    public Task<Resource>? Find(string path)
    {
        if (siteWide.TryGetValue(path, out var resource))
            return resource.Value;
        if (ArticleAt(path) is not var (article, form))
            return null;
        var rendition = snapshot.Bodies.GetAsync(article, origin, path, snapshot.TranslationsOf(article));
        return form == ArticleForm.Page ? PageAsync(rendition, article) : ResourceAsync(rendition, form);
    }

    /// <summary>
    /// As <see cref="Find"/>, but a site-wide resource not made yet is made for this one caller and not kept: the static
    /// export asks for each URL once, and the 6,000 list pages of 100,000 articles need not stay after they are written.
    /// </summary>
    public Task<Resource>? FindUnkept(string path) =>
        siteWide.TryGetValue(path, out var resource) ? resource.ValueOrMadeUnkept() : Find(path);

    /// <summary>The article's kept page with this snapshot's links to the articles around it.</summary>
    /// <remarks>
    /// Every request, a cache hit included, looks its URL up: the links are found and rendered once per table, the first
    /// time the page is asked for in it, and the rendition remembers for which table its page was put together.
    /// </remarks>
    private async Task<Resource> PageAsync(Task<ArticleRendition> rendition, Article article)
    {
        var made = await rendition;
        return made.PageFor(Stamp)
            ?? made.PageWith(await PageRenderer.RenderLinksAsync(ArticleNeighbours.Of(snapshot, article), article, snapshot.Identity), Stamp);
    }

    private static long tables;

    /// <summary>This table's number, unique in the process: a rendition keeps it, not the table, which would hold the snapshot.</summary>
    public long Stamp { get; } = Interlocked.Increment(ref tables);

    /// <summary>The resources made so far, what readers have asked for: the site-wide ones, then the articles' most recently asked first.</summary>
    public IEnumerable<(string Path, Resource Resource)> Rendered =>
        siteWide.Where(entry => entry.Value.IsMade).Select(entry => (entry.Key, entry.Value.Value.Result))
            .Concat(snapshot.Bodies.MadeFor(origin).SelectMany(made => made.Paths
                .Where(path => ArticleAt(path) is var (article, _) && ReferenceEquals(article, made.Article))
                .Select(path => (path, made.Rendition.Of(ArticleAt(path)!.Value.Form)))));

    /// <summary>Every resource, rendered and held at once: for checks over every URL (the export makes them one at a time instead).</summary>
    public async Task<IReadOnlyList<(string Path, Resource Resource)>> RenderAllAsync()
    {
        var all = new List<(string, Resource)>();
        foreach (var path in Paths)
            all.Add((path, await Find(path)!));
        return all;
    }

    /// <summary>The article a path names in this snapshot, and in which form; null for any other path.</summary>
    private (Article Article, ArticleForm Form)? ArticleAt(string path)
    {
        if (SiteRoutes.LeadForm(path) is { } leadForm)
            return (snapshot.Lead, leadForm);
        // One article: "/" is its page, the same bytes under the same ETag.
        if (path == SiteRoutes.Home)
            return snapshot.Others.Count == 0 ? (snapshot.Lead, ArticleForm.Page) : null;
        return SiteRoutes.TryReadArticleUrl(path, out var slug, out var form) && snapshot.ArticleWithSlug(slug) is { } article ? (article, form) : null;
    }

    private static async Task<Resource> ResourceAsync(Task<ArticleRendition> rendition, ArticleForm form) => (await rendition).Of(form);
}
