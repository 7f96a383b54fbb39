using System.Collections.Frozen;

namespace ArticleSite.Rendering;

/// <summary>Every resource of the site for one public origin, by path: serving a request is one lookup.</summary>
public sealed class RenderedSite(IDictionary<string, Lazy<Task<Resource>>> resources)
{
    private readonly FrozenDictionary<string, Lazy<Task<Resource>>> resources = resources.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>URLs in one child sitemap, as this rendering was made with: the next snapshot renders alike.</summary>
    public int SitemapUrlsPerFile { get; init; } = Rendering.SiteFiles.MaxSitemapUrls;

    /// <summary>Every URL path the site serves.</summary>
    public IEnumerable<string> Paths => resources.Keys;

    /// <summary>The resource at a path, rendered on the first request for it and kept; null for a path the site does not serve.</summary>
    public Task<Resource>? Find(string path) => resources.TryGetValue(path, out var resource) ? resource.Value : null;

    /// <summary>The resources rendered so far: what readers have asked for.</summary>
    public IEnumerable<(string Path, Resource Resource)> Rendered =>
        resources.Where(entry => entry.Value is { IsValueCreated: true, Value.IsCompletedSuccessfully: true })
            .Select(entry => (entry.Key, entry.Value.Value.Result));

    /// <summary>Every resource, rendered: for the static export, which writes them all.</summary>
    public async Task<IReadOnlyList<(string Path, Resource Resource)>> RenderAllAsync()
    {
        var all = new List<(string, Resource)>(resources.Count);
        foreach (var (path, resource) in resources)
            all.Add((path, await resource.Value));
        return all;
    }
}
