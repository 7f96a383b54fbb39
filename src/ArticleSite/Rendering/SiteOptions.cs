using ArticleSite.Operations;
using Microsoft.Extensions.Options;

namespace ArticleSite.Rendering;

/// <summary>Who the site is: the "Site" configuration section.</summary>
internal sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The public address every absolute URL names (canonical, og:url, feed, sitemap, robots.txt, llms.txt, export),
    /// e.g. https://news.example.org; its host is the one the server answers for. Absent, the site answers only loopback
    /// hosts and names the one it was asked by: for a developer's <c>dotnet run</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The site's name (masthead, page titles, og:site_name, feeds, JSON-LD publisher); else the site file's, else "ArticleSite".</summary>
    public string? Name { get; set; }

    /// <summary>One sentence on what the site publishes (feed subtitle, llms.txt, the archive's description); else the site file's.</summary>
    public string? Description { get; set; }

    /// <summary>The language of the site's own pages (front page chrome, archive, tags): a tag such as en or ko; else the site file's, else "en".</summary>
    public string? Language { get; set; }

    /// <summary>The path of an SVG file served as /icon.svg; else the site file's, else the built-in icon.</summary>
    public string? Icon { get; set; }

    /// <summary>
    /// With a <see cref="BaseUrl"/>, whether localhost, 127.0.0.1 and [::1] are answered too (with the base URL's pages), so
    /// a check on the machine itself needs no Host header; false answers the base URL's host alone.
    /// </summary>
    public bool AnswerLoopbackHosts { get; set; } = true;

    /// <summary>
    /// The search form in every page's masthead (<c>Site:SearchForm</c>): on for the live site; the static export turns it
    /// off unless it is given a live replica to send searches to (<c>--search-upstream</c>).
    /// </summary>
    public bool SearchForm { get; set; } = true;

    /// <summary>
    /// URLs in one child sitemap of /sitemap.xml: the protocol's maximum, 50,000, unless set lower, which tests do to see
    /// several children without 50,000 articles.
    /// </summary>
    public int SitemapUrlsPerFile { get; set; } = SiteFiles.MaxSitemapUrls;

    /// <summary>The base URL's scheme, host and port (the default port left out), without a slash; null when none is configured.</summary>
    public string? Origin => Url?.GetLeftPart(UriPartial.Authority);

    /// <summary>The base URL's host as a Host header names it (lower case, IPv6 in brackets); null when none is configured.</summary>
    public string? Host => Url is not { } url ? null : url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;

    /// <summary>An empty setting (e.g. <c>Site__BaseUrl=</c>) counts as none.</summary>
    private Uri? Url => string.IsNullOrWhiteSpace(BaseUrl) ? null : new Uri(BaseUrl.Trim());

    /// <summary>Why the configured base URL cannot be the site's address; null when it can (or none is configured).</summary>
    public string? BaseUrlProblem()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
            return null;
        if (!Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return $"Site:BaseUrl '{BaseUrl}' is not an absolute http or https URL";
        if (url.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) || url.UserInfo.Length > 0)
            return $"Site:BaseUrl '{BaseUrl}' does not name a host alone";
        if (url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
            return $"Site:BaseUrl '{BaseUrl}' has a path, query or fragment; the site is served from its root";
        return null;
    }
}

/// <summary>Binds <see cref="SiteOptions"/> and refuses to start with a base URL that cannot be the site's address, or a sitemap size the protocol forbids.</summary>
internal static class SiteOptionsSetup
{
    public static IServiceCollection AddSiteOptions(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidation>();
        return services;
    }

    private sealed class SiteOptionsValidation : IValidateOptions<SiteOptions>
    {
        public ValidateOptionsResult Validate(string? name, SiteOptions options)
        {
            if (options.BaseUrlProblem() is { } problem)
                return ValidateOptionsResult.Fail(problem);
            if (!string.IsNullOrWhiteSpace(options.Language) && !Loading.ArticleParser.IsLanguageTag(options.Language.Trim()))
                return ValidateOptionsResult.Fail($"Site:Language '{options.Language}' is not a language tag such as en, ko or pt-BR");
            if (options.SitemapUrlsPerFile is < 1 or > SiteFiles.MaxSitemapUrls)
                return ValidateOptionsResult.Fail($"Site:SitemapUrlsPerFile {options.SitemapUrlsPerFile} is not between 1 and {SiteFiles.MaxSitemapUrls}, the sitemap protocol's limit");
            return ValidateOptionsResult.Success;
        }
    }
}
