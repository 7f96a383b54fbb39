namespace ArticleSite.Rendering;

/// <summary>Renders every resource of a snapshot for one public origin and files each under its URL.</summary>
public static class SiteRenderer
{
    public static async Task<RenderedSite> RenderAsync(SiteSnapshot snapshot, string origin)
    {
        var lead = snapshot.Lead;
        var rendition = await ArticleRendition.RenderAsync(lead, origin);
        return new RenderedSite(new Dictionary<string, Resource>
        {
            [SiteRoutes.Home] = new(rendition.Page, lead.LastModified),
            [SiteRoutes.LeadText] = new(rendition.Text, lead.LastModified),
        });
    }
}
