namespace ArticleSite.Rendering;

/// <summary>Every URL the site serves, defined once: the renderer files resources under them, the endpoints look them up.</summary>
public static class SiteRoutes
{
    /// <summary>The lead article's page.</summary>
    public const string Home = "/";

    /// <summary>The lead article as plain text.</summary>
    public const string LeadText = "/article.txt";

    /// <summary>The lead article's Markdown source, as published.</summary>
    public const string LeadMarkdown = "/article.md";

    /// <summary>The lead article as JSON.</summary>
    public const string LeadJson = "/article.json";

    /// <summary>The Atom feed of the articles, with their full content.</summary>
    public const string Feed = "/feed.atom";

    public const string Sitemap = "/sitemap.xml";

    public const string Robots = "/robots.txt";

    /// <summary>The llms.txt summary for language models.</summary>
    public const string Llms = "/llms.txt";

    public const string Favicon = "/favicon.ico";

    public const string Icon = "/icon.svg";
}
