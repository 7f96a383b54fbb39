namespace ArticleSite.Rendering;

/// <summary>What the masthead of every page holds: the site's name, links to the archive and the tags, and the search form.</summary>
/// <param name="Query">The query the search form shows; empty on every page but the search page.</param>
/// <param name="Section">The article's section, shown beside the site's name on its page.</param>
public sealed record MastheadModel(string SiteName, PageWords Words, string Query = "", string? Section = null)
{
    /// <summary>The page's own path, as links write it: the masthead's link to it is marked as the current page.</summary>
    public string? PagePath { get; init; }

    /// <summary>The search form; left out of a static export that has no search behind it.</summary>
    public bool SearchForm { get; init; } = true;

    /// <summary><c>aria-current</c>'s value for a link of the masthead: "page" on the page it leads to, else none.</summary>
    public string? CurrentFor(string path) => path == PagePath ? "page" : null;
}
