namespace ArticleSite.Rendering;

/// <summary>Every URL the site serves, defined once: the renderer files resources under them, the endpoints look them up.</summary>
public static class SiteRoutes
{
    /// <summary>The lead article's page.</summary>
    public const string Home = "/";

    /// <summary>The lead article as plain text.</summary>
    public const string LeadText = "/article.txt";
}
