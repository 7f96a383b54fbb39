namespace ArticleSite.Rendering;

/// <summary>Renders every resource of a snapshot for one public origin and files each under its URL.</summary>
public static class SiteRenderer
{
    public static async Task<RenderedSite> RenderAsync(SiteSnapshot snapshot, string origin)
    {
        var lead = snapshot.Lead;
        var rendition = await ArticleRendition.RenderAsync(lead, origin);
        var latest = snapshot.Articles.Max(article => article.LastModified);
        return new RenderedSite(new Dictionary<string, Resource>
        {
            [SiteRoutes.Home] = new([rendition.Page, rendition.Text, rendition.Markdown, rendition.Json], lead.LastModified),
            [SiteRoutes.LeadText] = new(rendition.Text, lead.LastModified),
            [SiteRoutes.LeadMarkdown] = new(rendition.Markdown, lead.LastModified),
            [SiteRoutes.LeadJson] = new(rendition.Json, lead.LastModified),
            [SiteRoutes.Feed] = new(new Representation("application/atom+xml; charset=utf-8", FeedRenderer.Render(snapshot.Articles, origin)), latest),
            [SiteRoutes.Sitemap] = new(new Representation("application/xml; charset=utf-8", SiteFiles.Sitemap(lead, origin)), latest),
            [SiteRoutes.Robots] = new(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Robots(origin)), latest),
            [SiteRoutes.Llms] = new(Representation.FromText("text/plain; charset=utf-8", SiteFiles.Llms(lead, origin)), latest),
            [SiteRoutes.Favicon] = new(new Representation("image/x-icon", SiteFiles.Embedded("favicon.ico")), latest),
            [SiteRoutes.Icon] = new(new Representation("image/svg+xml", SiteFiles.Embedded("icon.svg")), latest),
        });
    }
}
