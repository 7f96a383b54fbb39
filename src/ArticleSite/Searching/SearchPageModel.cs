using ArticleSite.Loading;
using ArticleSite.Rendering;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Searching;

/// <summary>
/// What the search page shows: the query as the index read it (normalized), one page of results, how many there are
/// and what else to say (the index still building, a search that took too long, the index unavailable).
/// </summary>
public sealed record SearchPageModel(string Query, int Page, int Count, bool More, IReadOnlyList<SearchResult> Results)
{
    /// <summary>The site's stylesheet, set by the page renderer.</summary>
    public HtmlString Css { get; init; } = HtmlString.Empty;

    /// <summary>Results on one page: as many as news sites' search pages show.</summary>
    public const int PageLength = 20;

    /// <summary>The deepest page: the results counted exactly, and no further (a search is for the best matches, not a listing).</summary>
    public const int MaxPages = SearchDatabase.MaxCounted / PageLength;

    public SiteIdentity Site { get; init; } = SiteIdentity.Default;

    /// <summary>Why the results may be incomplete or missing, as a key of the site's words; null for nothing to say.</summary>
    public string? Notice { get; init; }

    /// <summary>Whether the site has a page of tags to suggest.</summary>
    public bool HasTags { get; init; }

    public PageWords Words => PageWords.For(Site.Language);

    public int PageCount => Math.Max(1, (Count + PageLength - 1) / PageLength);

    public string? PreviousPath => Page > 1 ? SiteRoutes.SearchPage(Query, Page - 1) : null;

    public string? NextPath => Page < PageCount ? SiteRoutes.SearchPage(Query, Page + 1) : null;

    /// <summary>"Search", or "“gyeongju”: search" with the page number after the first.</summary>
    public string Title => Query.Length == 0 ? Words["search"]
        : Page == 1 ? Words.Format("search-title", Query)
        : Words.Format("search-title-page", Query, Page, PageCount);

    /// <summary>"12 results", "1 result", "More than 1000 results".</summary>
    public string CountText => More ? Words.Format("search-count-more", Count)
        : Count == 1 ? Words["search-count-one"]
        : Words.Format("search-count", Count);
}

/// <summary>One matching article and the part of its text that matched, the matched words marked.</summary>
public sealed record SearchResult(Article Article, IReadOnlyList<SnippetPart> Snippet);
