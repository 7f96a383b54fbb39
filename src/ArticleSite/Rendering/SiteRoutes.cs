namespace ArticleSite.Rendering;

/// <summary>Every URL the site serves, defined once: the renderer files resources under them, the endpoints look them up.</summary>
public static class SiteRoutes
{
    /// <summary>The lead article's page; with several articles, the front page: the lead in full and a list of the others.</summary>
    public const string Home = "/";

    /// <summary>The lead article as plain text.</summary>
    public const string LeadText = "/article.txt";

    /// <summary>The lead article's Markdown source.</summary>
    public const string LeadMarkdown = "/article.md";

    /// <summary>The lead article as JSON.</summary>
    public const string LeadJson = "/article.json";

    /// <summary>The Atom feed of the articles.</summary>
    public const string Feed = "/feed.atom";

    /// <summary>The state of the published content, for load balancers and operators.</summary>
    public const string Health = "/healthz";

    /// <summary>An article's own page.</summary>
    public static string ArticlePage(string slug) => $"/articles/{slug}";

    /// <summary>An article as plain text.</summary>
    public static string ArticleText(string slug) => $"/articles/{slug}.txt";

    /// <summary>Every URL of one article, with the representation of its rendition each one serves.</summary>
    public static IEnumerable<(string Path, Func<ArticleRendition, Representation> Pick)> OfArticle(string slug) =>
    [
        (ArticlePage(slug), rendition => rendition.Page),
        (ArticleText(slug), rendition => rendition.Text),
    ];
}
