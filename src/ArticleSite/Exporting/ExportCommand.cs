using ArticleSite.Rendering;
using ArticleSite.Serving;

namespace ArticleSite.Exporting;

/// <summary>
/// <c>export DIR [--origin URL] [--search-upstream URL] [--no-precompress]</c> on the command line: write the site as static files instead
/// of serving it. The origin (scheme and host of the absolute URLs in the pages) defaults to <c>Site:BaseUrl</c>, then to
/// the <c>Export:Origin</c> setting. Files cannot search: the pages have the search form only when a live replica
/// answers <c>/search</c> for them (<paramref name="SearchUpstream"/>, which the nginx block proxies to).
/// <paramref name="Precompress"/> false (<c>--no-precompress</c>) writes no .br and .gz siblings: for a tool that reads
/// the pages only, such as a search indexer, or a server that compresses by itself.
/// </summary>
internal sealed record ExportCommand(string Directory, string? Origin, string? SearchUpstream = null, bool Precompress = true)
{
    private const string Usage = "usage: export DIR [--origin https://example.org] [--search-upstream http://replica:8080] [--no-precompress]";

    public const string Verb = "export";

    public const string OriginSetting = "Export:Origin";

    /// <summary>The command, or null when the arguments ask to serve; the arguments left for the host's configuration.</summary>
    /// <exception cref="ArgumentException">The arguments start with <c>export</c> but do not name a directory.</exception>
    public static (ExportCommand? Command, string[] HostArguments) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != Verb)
            return (null, args);
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException(Usage);

        var rest = args[2..].ToList();
        var precompress = !rest.Remove("--no-precompress");
        string? origin = null;
        var at = rest.IndexOf("--origin");
        if (at >= 0)
        {
            if (at + 1 >= rest.Count || !Uri.TryCreate(rest[at + 1], UriKind.Absolute, out _))
                throw new ArgumentException("--origin needs an absolute URL such as https://example.org");
            origin = rest[at + 1].TrimEnd('/');
            rest.RemoveRange(at, 2);
        }
        string? upstream = null;
        at = rest.IndexOf("--search-upstream");
        if (at >= 0)
        {
            if (at + 1 >= rest.Count || !Uri.TryCreate(rest[at + 1], UriKind.Absolute, out var replica) || replica.Scheme is not ("http" or "https")
                || replica.AbsolutePath != "/" || replica.Query.Length > 0)
                throw new ArgumentException("--search-upstream needs the origin of a live replica, such as http://replica:8080");
            upstream = replica.GetLeftPart(UriPartial.Authority);
            rest.RemoveRange(at, 2);
        }
        else
        {
            // No search behind the files: the pages leave the form out.
            rest.Add($"--{Rendering.SiteOptions.Section}:{nameof(Rendering.SiteOptions.SearchForm)}=false");
        }
        return (new ExportCommand(args[1], origin, upstream, precompress), [.. rest]);
    }

    /// <summary>Writes the export; 0 when it is complete, 1 with one line on standard error when it cannot be.</summary>
    /// <param name="caching">The options the live server would send Cache-Control from; the nginx block sends the same.</param>
    /// <param name="variantCache">The live site's folder of picture variants, which the export copies instead of encoding them again.</param>
    public async Task<int> RunAsync(SiteSnapshot snapshot, IConfiguration configuration, SiteOptions site, HttpCachingOptions caching, string? variantCache = null)
    {
        var origin = Origin ?? site.Origin ?? configuration[OriginSetting] ?? "http://localhost:5080";
        try
        {
            await StaticExport.WriteAsync(await snapshot.ForOriginAsync(origin, site.SitemapUrlsPerFile), snapshot.Media, origin, Directory, caching, snapshot.Metrics, variantCache, SearchUpstream, Precompress);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"ArticleSite cannot export to {Directory}: {problem.Message}");
            return 1;
        }
        Console.WriteLine($"Exported the site for {origin} to {Path.GetFullPath(Directory)}");
        return 0;
    }
}
