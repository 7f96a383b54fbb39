using ArticleSite.Media;

namespace ArticleSite.Loading;

/// <summary>What the front matter (or, where it is silent, the body and the file name) says about an article.</summary>
/// <param name="Language">Its <c>lang</c>, else its language folder's (<c>ja/…</c>); null when it is in the site's language.</param>
public sealed record ArticleMetadata(
    string Title,
    string Summary,
    ArticleDate Date,
    string Slug,
    string? Language,
    string? Source,
    string? Section)
{
    /// <summary>True when the front matter says <c>lead: true</c>: the article the front page shows in full.</summary>
    public bool Lead { get; init; }

    /// <summary>When the article was last revised, if the front matter says so (<c>lastmod</c>, <c>updated</c>…).</summary>
    public ArticleDate? Updated { get; init; }

    /// <summary>From when readers may see it (<c>publishDate</c>); null when that is the <see cref="Date"/>.</summary>
    public ArticleDate? PublishDate { get; init; }

    /// <summary>From when it is withdrawn (<c>expiryDate</c>, <c>unpublishDate</c>), if ever.</summary>
    public ArticleDate? Expiry { get; init; }

    /// <summary>A draft (<c>draft: true</c> or <c>published: false</c>) is never served.</summary>
    public bool Draft { get; init; }

    /// <summary>Who wrote it, as the front matter's byline names them (<see cref="Loading.Byline"/>); empty when it names nobody.</summary>
    public IReadOnlyList<Person> Authors { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Paths the article was published under before (<c>aliases</c>, <c>redirect_from</c>, an old <c>permalink</c>): each redirects to it.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// What the article's translations share: the front matter's <c>translationKey</c> (Hugo's), else the slug its file's
    /// name gives (<c>ja/hello.md</c> and <c>hello.md</c> are both <c>hello</c>), whatever slug it is published at.
    /// </summary>
    public string TranslationKey { get; init; } = "";

    /// <summary>The picture the front matter names for the article (<c>image</c>, <c>cover</c>), as written.</summary>
    public string? Image { get; init; }

    /// <summary>The media files the article refers to, with the problems of those it cannot publish.</summary>
    public ResolvedMedia Media { get; init; } = ResolvedMedia.None;

    /// <summary>The instant from which the article is published.</summary>
    public DateTimeOffset ReleasedAt => (PublishDate ?? Date).Instant;

    /// <summary>When the article last changed, as it declares: its update date, else its date. Never a file's time.</summary>
    public ArticleDate Modified => Updated ?? Date;

    /// <summary>The date as readers write it, in the author's offset, e.g. "1 November 2025".</summary>
    public string DisplayDate => Date.Display;

    /// <summary>The date as machines read it: "2025-11-01", or RFC 3339 with the author's offset when a time was given.</summary>
    public string IsoDate => Date.Iso;

    /// <summary>"By A", "By A and B", "By A, B and C"; null when no author is named.</summary>
    public string? Byline => Authors.Count switch
    {
        0 => null,
        1 => $"By {Authors[0].Display}",
        _ => $"By {string.Join(", ", Authors.Take(Authors.Count - 1).Select(author => author.Display))} and {Authors[^1].Display}",
    };

    /// <summary>Where the article comes from, e.g. "Source: thefoxdaily.com, Latest World"; null when the front matter names no source.</summary>
    public string? Credit => Source is null ? null
        : Section is null ? $"Source: {Source}"
        : $"Source: {Source}, {Section}";

    /// <summary>Whether readers may see it at <paramref name="now"/>: not a draft, released, not expired.</summary>
    public bool IsPublishedAt(DateTimeOffset now) => !Draft && ReleasedAt <= now && !IsExpiredAt(now);

    public bool IsExpiredAt(DateTimeOffset now) => Expiry is { } expiry && expiry.Instant <= now;

    /// <summary>The next instant after <paramref name="now"/> at which <see cref="IsPublishedAt"/> changes; null if never.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset now) =>
        Draft ? null
        : ReleasedAt > now ? ReleasedAt
        : Expiry is { Instant: var expiry } && expiry > now ? expiry
        : null;

}
