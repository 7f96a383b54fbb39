using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The site's own name, description, language and icon: from configuration (<c>Site:Name</c>…) or the content folder's
/// site.yaml / site.toml, configuration first; a bad site file is a problem reported by name while the site serves on.
/// </summary>
public sealed class SiteIdentityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Every place a reader or a machine sees the site's name, and the description where it is said.</summary>
    private sealed record Identity(string Masthead, string ArchiveTitle, string OgSiteName, string FeedTitle, string? FeedSubtitle, string Publisher, string LlmsHeading, string? ArchiveLanguage);

    private static async Task<Identity> ReadIdentityAsync(HttpClient client)
    {
        var parser = new HtmlParser();
        var article = await parser.ParseDocumentAsync(await client.GetStringAsync("/articles/plain", Cancel), Cancel);
        var archive = await parser.ParseDocumentAsync(await client.GetStringAsync("/articles/", Cancel), Cancel);
        var feed = XDocument.Parse(await client.GetStringAsync("/feed.atom", Cancel)).Root!;
        var llms = await client.GetStringAsync("/llms.txt", Cancel);
        using var jsonLd = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
        return new Identity(
            article.QuerySelector(".masthead a")!.TextContent,
            archive.Title!,
            article.QuerySelector("meta[property='og:site_name']")!.GetAttribute("content")!,
            feed.Element(Atom + "title")!.Value,
            feed.Element(Atom + "subtitle")?.Value,
            jsonLd.RootElement.GetProperty("publisher").GetProperty("name").GetString()!,
            llms.Split('\n')[0] + "\n" + llms.Split('\n')[2],
            archive.DocumentElement.GetAttribute("lang"));
    }

    /// <summary>The identity a site on <paramref name="content"/>, with <paramref name="settings"/> if any, shows.</summary>
    private static async Task<Identity> IdentityOfSiteOnAsync(TemporaryContentFolder content, Dictionary<string, string>? settings = null)
    {
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = settings ?? new Dictionary<string, string>() };
        return await ReadIdentityAsync(site.CreateClient());
    }

    private static TemporaryContentFolder TwoArticles()
    {
        var content = new TemporaryContentFolder();
        content.Write("plain.md", Article("Plain", "2025-11-02", "Body."));
        content.Write("other.md", Article("Other", "2025-11-01", "Body."));
        return content;
    }

    [Fact]
    public async Task Without_configuration_or_site_file_the_site_is_called_ArticleSite()
    {
        using var content = TwoArticles();

        Assert.Equal(
            new Identity("ArticleSite", "All articles · ArticleSite", "ArticleSite", "ArticleSite", "Summary of Plain.", "ArticleSite", "# ArticleSite\n> Summary of Plain.", "en"),
            await IdentityOfSiteOnAsync(content));
    }

    [Fact]
    public async Task Configured_name_description_and_language_appear_everywhere_the_site_names_itself()
    {
        using var content = TwoArticles();
        var settings = new Dictionary<string, string> { ["Site:Name"] = "The Daily Fox", ["Site:Description"] = "News from the fox.", ["Site:Language"] = "de" };

        Assert.Equal(
            new Identity("The Daily Fox", "Alle Artikel · The Daily Fox", "The Daily Fox", "The Daily Fox", "News from the fox.", "The Daily Fox", "# The Daily Fox\n> News from the fox.", "de"),
            await IdentityOfSiteOnAsync(content, settings));
    }

    public static TheoryData<string, string> SiteFiles => new()
    {
        { "site.yaml", "name: Yaml Gazette\ndescription: Told in YAML.\nlanguage: fr\n" },
        { "site.toml", "name = \"Yaml Gazette\"\ndescription = \"Told in YAML.\"\nlanguage = \"fr\"\n" },
    };

    [Theory]
    [MemberData(nameof(SiteFiles))]
    public async Task A_site_file_in_the_content_folder_names_the_site(string fileName, string text)
    {
        using var content = TwoArticles();
        content.Write(fileName, text);

        Assert.Equal(
            new Identity("Yaml Gazette", "Tous les articles · Yaml Gazette", "Yaml Gazette", "Yaml Gazette", "Told in YAML.", "Yaml Gazette", "# Yaml Gazette\n> Told in YAML.", "fr"),
            await IdentityOfSiteOnAsync(content));
    }

    [Fact]
    public async Task Configuration_overrides_the_site_file_field_by_field()
    {
        using var content = TwoArticles();
        content.Write("site.yaml", "name: From the file\ndescription: The file's description.\n");

        var identity = await IdentityOfSiteOnAsync(content, new Dictionary<string, string> { ["Site:Name"] = "From configuration" });

        Assert.Equal(("From configuration", "The file's description."), (identity.Masthead, identity.FeedSubtitle));
    }

    [Fact]
    public async Task A_source_remains_the_publisher_in_json_ld_and_the_site_is_the_publisher_of_the_rest()
    {
        using var content = TwoArticles();
        content.Write("sourced.md", Article("Sourced", "2025-10-01", "Body.", "source: example.org\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:Name"] = "The Daily Fox" } };
        var page = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/sourced", Cancel), Cancel);

        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);

        Assert.Equal("example.org", jsonLd.RootElement.GetProperty("publisher").GetProperty("name").GetString());
    }

    public static TheoryData<string, string, string> BadSiteFiles => new()
    {
        { "site.yaml", "name: [a, list]\n", "site.yaml: front matter 'name' is a list ['a', 'list'], expected text" },
        { "site.yaml", "name: \"unclosed\n", "site.yaml: line " },
        { "site.yaml", "language: not a language\n", "site.yaml: 'language' is 'not a language', expected a language tag such as en, ko or pt-BR" },
        { "site.toml", "name = \n", "site.toml: line 1: front matter is not valid TOML" },
        { "site.yaml", "icon: ../../etc/passwd\n", "site.yaml: 'icon' is '../../etc/passwd', expected the path of an SVG file inside the content folder" },
        { "site.yaml", "icon: article.md\n", "article.md: the site icon is not an SVG file (no <svg element)" },
        { "site.yaml", "icon: .git/logo.svg\n", ".git/logo.svg: the site icon names a hidden file or folder" },
    };

    [Theory]
    [MemberData(nameof(BadSiteFiles))]
    public async Task A_bad_site_file_is_reported_by_name_and_the_site_serves_with_its_defaults(string fileName, string text, string reported)
    {
        using var content = TwoArticles();
        content.Write("article.md", Article("Article", "2025-09-01", "Body."));
        content.Write(fileName, text);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        var identity = await ReadIdentityAsync(client);

        Assert.Contains(health.Problems, problem => $"{problem.Path}: {problem.Reason}".StartsWith(reported, StringComparison.Ordinal));
        Assert.Equal("ArticleSite", identity.Masthead);
    }

    [Fact]
    public async Task A_site_file_that_turns_bad_keeps_the_last_good_identity_and_is_reported()
    {
        using var content = TwoArticles();
        content.Write("site.yaml", "name: Good Name\n");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "00:00:00.2" } };
        var client = site.CreateClient();
        Assert.Equal("Good Name", (await ReadIdentityAsync(client)).Masthead);

        content.Write("site.yaml", "name: [bad]\n");
        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.Problems.Count > 0, "the bad site file to be reported");

        Assert.Equal([("site.yaml", "front matter 'name' is a list ['bad'], expected text")], health.Problems);
        Assert.Equal("Good Name", (await ReadIdentityAsync(client)).Masthead);
    }

    [Fact]
    public async Task A_site_file_edit_renames_the_site_without_a_restart()
    {
        using var content = TwoArticles();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "00:00:00.2" } };
        var client = site.CreateClient();
        Assert.Equal("ArticleSite", (await ReadIdentityAsync(client)).Masthead);

        content.Write("site.yaml", "name: Renamed\n");
        var identity = await Eventually.GetAsync(() => ReadIdentityAsync(client), identity => identity.Masthead != "ArticleSite", "the new name to be published");

        Assert.Equal(("Renamed", "Renamed"), (identity.Masthead, identity.FeedTitle));
    }

    [Fact]
    public async Task The_site_files_icon_is_served_as_icon_svg()
    {
        using var content = TwoArticles();
        const string icon = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>""";
        content.Write("logo.svg", icon);
        content.Write("site.yaml", "icon: logo.svg\n");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        using var response = await site.CreateClient().GetAsync("/icon.svg", Cancel);

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(icon, await response.Content.ReadAsStringAsync(Cancel));
    }

    public static TheoryData<string, string> LinksOut => new()
    {
        { "a folder outside the content folder", "out/private.html" },
        { "/proc/self", "out/status" },
    };

    [Theory]
    [MemberData(nameof(LinksOut))]
    public async Task An_icon_reached_through_a_link_is_reported_and_the_default_icon_served_while_the_site_publishes_on(string linkedTo, string icon)
    {
        using var content = TwoArticles();
        using var outside = new TemporaryContentFolder();
        outside.Write("private.html", "<svg>private bytes from outside the content folder</svg>");
        Directory.CreateSymbolicLink(Path.Combine(content.Path, "out"), linkedTo == "/proc/self" ? "/proc/self" : outside.Path);
        content.Write("site.yaml", $"icon: {icon}\n");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);

        Assert.Equal(
            [(icon, "the site icon passes through a symbolic link; links inside the content folder are not followed"), ("out", "is a symbolic link; links inside the content folder are not followed")],
            health.Problems);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src/ArticleSite/Rendering/icon.svg"), Cancel), await client.GetStringAsync("/icon.svg", Cancel));
        content.Write("plain.md", Article("Plain", "2025-11-02", "Edited body."));
        await Eventually.GetAsync(() => client.GetStringAsync("/articles/plain.txt", Cancel), text => text.Contains("Edited body.", StringComparison.Ordinal), "the edit to be published");
    }
}
