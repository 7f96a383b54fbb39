using ArticleSite.Rendering;

namespace ArticleSite.Serving;

/// <summary>What a URL of the site is, for one request.</summary>
internal enum LookupOutcome
{
    /// <summary>A resource: 200, or what its representation and preconditions make of the request.</summary>
    Found,

    /// <summary>An old URL of an article, or a list page's URL without its slash: 301 to its one URL.</summary>
    Redirect,

    /// <summary>A URL of an article this process published before and no longer does: 410.</summary>
    Gone,

    /// <summary>No URL of the site, nor one it had: 404.</summary>
    NotFound,

    /// <summary>An article whose file changed since the snapshot was published, and whose bodies are not in memory.</summary>
    Unavailable,
}

/// <summary>What a URL is in a snapshot, for one request, as <see cref="ResourceLookup"/> finds it.</summary>
internal sealed class Lookup
{
    /// <summary>How long a request waits for the next snapshot when its article is unavailable: a save is published once it has settled (<see cref="Loading.ContentOptions.SettleTime"/>), well within it.</summary>
    public static readonly TimeSpan WaitForNextSnapshot = TimeSpan.FromSeconds(5);

    /// <summary>A writer fixes a file in minutes; a client asks again after one.</summary>
    public const int RetryAfterSeconds = 60;

    public static Lookup NotFound { get; } = new(LookupOutcome.NotFound);

    public static Lookup Gone { get; } = new(LookupOutcome.Gone);

    private Lookup(LookupOutcome outcome, Selection selection = default, string? location = null, SiteSnapshot? snapshot = null)
    {
        Outcome = outcome;
        Selection = selection;
        Location = location;
        Snapshot = snapshot;
    }

    public LookupOutcome Outcome { get; }

    /// <summary>For a resource found: its representation and coding negotiated for this request (none: 406).</summary>
    public Selection Selection { get; }

    /// <summary>For a redirect: where to, the query string kept for a list page.</summary>
    public string? Location { get; }

    /// <summary>
    /// For an unavailable article: the snapshot it was looked up in. The endpoint waits for the next one, which publishes
    /// the file's new version or, for a version with a problem, keeps the article as it was; where even that one cannot
    /// be rendered, the answer is 503 until the file is fixed.
    /// </summary>
    public SiteSnapshot? Snapshot { get; }

    public static Lookup Found(Selection selection) => new(LookupOutcome.Found, selection);

    public static Lookup RedirectTo(string location) => new(LookupOutcome.Redirect, location: location);

    public static Lookup Unavailable(SiteSnapshot snapshot) => new(LookupOutcome.Unavailable, snapshot: snapshot);
}
