namespace ArticleSite.Rendering;

/// <summary>Files every resource of a snapshot for one public origin under its URL.</summary>
public static class SiteRenderer
{
    /// <summary>
    /// Each article is rendered on the first request for one of its URLs, and kept: so start-up and reload cost
    /// little per article, and a request costs the same for one article or ten thousand.
    /// </summary>
    public static Task<RenderedSite> RenderAsync(SiteSnapshot snapshot, string origin)
    {
        var resources = new Dictionary<string, Resource>(snapshot.Articles.Count * 2 + 2, StringComparer.Ordinal);
        Lazy<Task<ArticleRendition>>? leadRendition = null;
        foreach (var article in snapshot.Articles)
        {
            var rendition = new Lazy<Task<ArticleRendition>>(() => ArticleRendition.RenderAsync(article, origin, SiteRoutes.ArticlePage(article.Metadata.Slug)));
            foreach (var (path, pick) in SiteRoutes.OfArticle(article.Metadata.Slug))
                resources[path] = new Resource(async () => pick(await rendition.Value), article.LastModified);
            if (ReferenceEquals(article, snapshot.Lead))
                leadRendition = rendition;
        }

        var lead = snapshot.Lead;
        resources[SiteRoutes.LeadText] = new Resource(async () => (await leadRendition!.Value).Text, lead.LastModified);
        resources[SiteRoutes.Home] = snapshot.Others.Count == 0
            ? resources[SiteRoutes.ArticlePage(lead.Metadata.Slug)]
            : new Resource(
                async () => Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(lead, origin + SiteRoutes.Home, snapshot.Others)),
                snapshot.Articles.Max(article => article.LastModified));
        return Task.FromResult(new RenderedSite(resources));
    }
}
