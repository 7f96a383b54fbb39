using System.Collections.Concurrent;
using System.Collections.Frozen;
using ArticleSite.Loading;
using ArticleSite.Media;
using ArticleSite.Operations;

namespace ArticleSite.Rendering;

/// <summary>
/// The published articles at one moment, and what they render to. Immutable once made: a content change makes a new snapshot.
/// Resources are rendered for the configured public origin (or, for a developer, each loopback origin), on the first request for each.
/// </summary>
internal sealed class SiteSnapshot
{
    /// <summary>
    /// Without a configured base URL each listener's origin gets its own rendering (a site listening on http and https
    /// has two); beyond this many, a new one is rendered for its request and not kept.
    /// </summary>
    private const int MaxKeptOrigins = 16;

    private readonly ConcurrentDictionary<string, MadeOnce<UrlTable>> renderedByOrigin = new(StringComparer.Ordinal);

    /// <summary>A plain dictionary: freezing one of 100,000 slugs took longer than the snapshot's lookups save in its life.</summary>
    private readonly Dictionary<string, Article> bySlug;

    private readonly FrozenSet<string> withdrawnPaths;

    private readonly FrozenDictionary<string, string> redirects;

    /// <summary>Slugs an earlier snapshot of the chain published and this one does not: kept from snapshot to snapshot, as the chain grows.</summary>
    private readonly HashSet<string> unpublished;

    /// <param name="articles">What is published.</param>
    /// <param name="expiredSlugs">
    /// Slugs of expired articles. Their URLs answer 410 Gone, as do those of the articles <paramref name="previous"/>
    /// and the snapshots before it published and this one does not.
    /// </param>
    /// <param name="previous">
    /// The snapshot this one follows, if any: when only a few articles were added, changed or removed, its sorted lists and
    /// lookup tables are patched with them instead of being made again from every article. The result is the same.
    /// </param>
    public SiteSnapshot(IReadOnlyList<Article> articles, IEnumerable<string>? expiredSlugs = null, SiteSnapshot? previous = null)
    {
        if (articles.Count == 0)
            throw new ArgumentException("A snapshot needs at least one article.", nameof(articles));
        var change = previous is null ? null : ArticleChange.Between(previous, articles);
        if (previous is not null && change is { IsSmall: true } && change.Patch(previous.Articles, change.Added) is { } merged && merged.Count == articles.Count)
        {
            Articles = merged;
            bySlug = new Dictionary<string, Article>(previous.bySlug, StringComparer.Ordinal);
            foreach (var gone in change.Removed)
            {
                if (bySlug.TryGetValue(gone.Metadata.Slug, out var was) && ReferenceEquals(was, gone))
                    bySlug.Remove(gone.Metadata.Slug);
            }
            foreach (var come in change.Added)
                bySlug[come.Metadata.Slug] = come;
        }
        else
        {
            Articles = [.. articles.OrderByDescending(article => article.Metadata.Date).ThenBy(article => article.FilePath, StringComparer.Ordinal)];
            bySlug = Articles.ToDictionary(article => article.Metadata.Slug, StringComparer.Ordinal);
            change = null;
        }
        Lead = Articles.FirstOrDefault(article => article.Metadata.Lead) ?? Articles[0];
        Others = [.. Articles.Where(article => !ReferenceEquals(article, Lead))];
        unpublished = Unpublished(previous, change);
        withdrawnPaths = unpublished.Concat(expiredSlugs ?? []).Where(slug => !bySlug.ContainsKey(slug))
            .SelectMany(SiteRoutes.OfArticle).ToFrozenSet(StringComparer.Ordinal);
        Tags = previous is not null && change is not null ? TagIndex.After(previous.Tags, change, Articles) : new TagIndex(Articles);
        // Kept from the previous snapshot when no article that came or went has any: the same files, in the same order.
        Media = previous is not null && change is { } same && !same.Any(article => article.Metadata.Media.Files.Count > 0)
            ? previous.Media
            : new MediaLibrary(Articles);
        translations = TranslationsAfter(previous, change);
        redirects = previous is not null && change is { } unaliased && !unaliased.Any(article => article.Metadata.Aliases.Count > 0)
            ? previous.redirects
            : SiteRoutes.Redirects(Articles.Where(article => article.Metadata.Aliases.Count > 0).Select(article => (article.Metadata.Slug, article.Metadata.Aliases)));
    }

    /// <summary>
    /// Found on first use; the previous snapshot's, when it had found them, the articles that came or went left every set
    /// as it was (<see cref="ArticleChange.KeepsTranslations"/>) and the site speaks the same language: grouping 100,000
    /// articles again cost each edit's first page tens of milliseconds. Only the previous snapshot's translations are
    /// kept, not the snapshot itself.
    /// </summary>
    private Lazy<Translations> TranslationsAfter(SiteSnapshot? previous, ArticleChange? change)
    {
        var (kept, language) = previous is not null && change is { KeepsTranslations: true } && previous.translations.IsValueCreated
            ? (previous.translations.Value, previous.Identity.Language)
            : (null, null);
        return new(() => kept is not null && language == Identity.Language ? kept : new Translations(Articles, Identity.Language));
    }

    /// <summary>The slugs the chain published before and this snapshot does not: the previous ones, patched with what came and went.</summary>
    private HashSet<string> Unpublished(SiteSnapshot? previous, ArticleChange? change)
    {
        if (previous is null)
            return new HashSet<string>(StringComparer.Ordinal);
        var slugs = new HashSet<string>(previous.unpublished, StringComparer.Ordinal);
        slugs.UnionWith((change?.Removed ?? previous.Articles).Select(article => article.Metadata.Slug));
        slugs.RemoveWhere(bySlug.ContainsKey);
        return slugs;
    }

    /// <summary>The articles, newest first.</summary>
    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The article the home page shows: the newest of those marked <c>lead: true</c>, else the newest.</summary>
    public Article Lead { get; }

    /// <summary>Every article but the lead, newest first.</summary>
    public IReadOnlyList<Article> Others { get; }

    /// <summary>The article published under a slug; null for none.</summary>
    public Article? ArticleWithSlug(ReadOnlySpan<char> slug) =>
        bySlug.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(slug, out var article) ? article : null;

    /// <summary>Every version of the article in another language, itself included; empty when it has none. Found on the first page asked for.</summary>
    public IReadOnlyList<Translation> TranslationsOf(Article article) => translations.Value.Of(article);

    private readonly Lazy<Translations> translations;

    /// <summary>Where the articles' rendered bodies are kept: the process's one store, shared by its snapshots; by default a store of this snapshot's own.</summary>
    public RenderedBodies Bodies { get => bodies ??= new(RenderedBodies.DefaultBudget, Metrics, Identity); init => bodies = value; }

    /// <summary>Where what this snapshot renders and compresses is counted: the host's.</summary>
    public required SiteMetrics Metrics { get; init; }

    private RenderedBodies? bodies;

    /// <summary>The media files the articles refer to.</summary>
    public MediaLibrary Media { get; }

    /// <summary>Counts the snapshots a process publishes.</summary>
    public long Generation { get; init; }

    /// <summary>The articles of each tag, newest first.</summary>
    public TagIndex Tags { get; }

    /// <summary>Who the site says it is: name, description, language, icon.</summary>
    public SiteIdentity Identity { get; init; } = SiteIdentity.Default;

    /// <summary>Files that cannot be published as they are now, each with its reason.</summary>
    public IReadOnlyList<ContentException> Problems { get; init; } = [];

    /// <summary>The page of an error status (404, 410 …) under this snapshot's masthead: rendered once, kept with the snapshot.</summary>
    public Task<Representation> StatusPageAsync(int status, string reason) => statusPages.PageAsync(status, reason, Identity, Articles.Count);

    private readonly StatusPageSet statusPages = new();

    /// <summary>The page an old URL of an article (its <c>aliases</c>) now lives at; null for any other path.</summary>
    public string? RedirectFor(string path) => redirects.GetValueOrDefault(path);

    /// <summary>True for a URL of an article that this process published before and is no longer published.</summary>
    public bool IsWithdrawn(string path) => withdrawnPaths.Contains(path);

    /// <summary>
    /// Renders now what readers had asked <paramref name="previous"/> for, at most <paramref name="limit"/> resources per
    /// origin: the same paths in the same codings. Published after this, the snapshot makes no reader wait for a rendering.
    /// An unchanged article's bodies are found in the shared store of rendered bodies, as they were: only what changed is rendered.
    /// An article whose file no longer holds the version read is left for its first reader.
    /// </summary>
    public async Task RenderLikeAsync(SiteSnapshot previous, int limit)
    {
        foreach (var (origin, rendering) in previous.renderedByOrigin)
        {
            if (!rendering.IsMade)
                continue;
            var site = await ForOriginAsync(origin, rendering.Value.Result.SitemapUrlsPerFile);
            foreach (var (path, before) in rendering.Value.Result.Rendered.Take(limit).ToList())
            {
                if (site.Find(path) is not { } making)
                    continue;
                Resource after;
                try
                {
                    after = await making;
                }
                catch (ArticleChangedException)
                {
                    // Rendered ahead only to save time: a file saved again since this snapshot read it, or whose kept
                    // version is damaged, is left to its request, which waits for the next snapshot or says it cannot be rendered now.
                    continue;
                }
                foreach (var (was, now) in before.Representations.Zip(after.Representations))
                    await now.CompressLikeAsync(was, Metrics);
            }
        }
    }

    /// <summary>The URL table for an origin such as https://news.example.org, made on the first request for it and kept.</summary>
    /// <param name="sitemapUrlsPerFile">The process's setting (<see cref="SiteOptions.SitemapUrlsPerFile"/>), the same on every call.</param>
    public Task<UrlTable> ForOriginAsync(string origin, int sitemapUrlsPerFile = SiteFiles.MaxSitemapUrls)
    {
        if (renderedByOrigin.TryGetValue(origin, out var kept))
            return kept.Value;
        if (renderedByOrigin.Count >= MaxKeptOrigins)
            return Task.Run(() => new UrlTable(this, origin, sitemapUrlsPerFile));
        return renderedByOrigin.GetOrAdd(origin, key => new MadeOnce<UrlTable>(() => Task.FromResult(new UrlTable(this, key, sitemapUrlsPerFile)))).Value;
    }
}
