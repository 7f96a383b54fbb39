using System.Collections.Frozen;

namespace ArticleSite.Rendering;

/// <summary>Every resource of the site rendered for one public origin, by path: serving a request is one lookup.</summary>
public sealed class RenderedSite(IDictionary<string, Resource> resources)
{
    private readonly FrozenDictionary<string, Resource> resources = resources.ToFrozenDictionary(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, Resource>> Resources => resources;

    public Resource? Find(string path) => resources.GetValueOrDefault(path);
}
