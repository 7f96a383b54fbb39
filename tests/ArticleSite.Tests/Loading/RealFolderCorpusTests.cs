using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// Two real blogs written for other tools, published as they are: V8's (Eleventy, Fixtures/v8-dev/blog, Apache-2.0, its
/// Markdown posts with the pictures of four of them in their _img/ folder) and Jekyll's release posts
/// (Fixtures/jekyll-posts, MIT). Every post a reader could title and date is published, counted by a plain scan of the
/// files here, not by the site's own parser; five pages of each pass the Nu Html Checker; the pictures kept beside the
/// posts are served.
/// </summary>
public sealed partial class RealFolderCorpusTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Folders => new() { "v8-dev/blog", "jekyll-posts" };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Every_titled_and_dated_post_is_published_and_no_byline_shows_markdown(string folder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);
        var expected = TitledAndDated(path);
        await using var site = new ArticleSiteFactory { ContentFolder = path, Settings = new Dictionary<string, string> { ["ContentLimits:MaxProblemsListed"] = "10000" } };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        var bylines = new List<string>();
        for (var page = 1; bylines.Count < health.Articles && page <= 10; page++)
        {
            var archive = new HtmlParser().ParseDocument(await client.GetStringAsync(page == 1 ? "/articles/" : $"/articles/page/{page}/", Cancel));
            bylines.AddRange(archive.QuerySelectorAll(".entry .entry-line").Select(line => line.QuerySelector(".authors")?.TextContent ?? ""));
        }

        Assert.True(expected > 100, $"{expected} posts found");
        Assert.Equal(expected, health.Articles);
        // What is left to report is a picture kept outside the copied posts (V8's /_img/, Jekyll's /img/) or a template
        // call the site does not run (Liquid's loops and variables): warnings of published articles, never a refusal.
        Assert.All(health.Problems, problem => Assert.Matches(
            "does not exist; the alt text is shown instead$|template calls? of another tool that the site does not understand",
            problem.Reason));
        Assert.Equal(expected, bylines.Count);
        Assert.All(bylines, byline => Assert.DoesNotMatch(MarkdownLink(), byline));
    }

    public static TheoryData<string, string[]> FivePages => new()
    {
        { "v8-dev/blog", ["jank-busters", "free-garbage-collection", "v8-release-80", "v8-release-69", "slack-tracking"] },
        { "jekyll-posts", ["jekyll-1-0-0-released", "jekyll-2-0-3-released", "jekyll-3-0-3-released", "jekyll-4-0-0-released", "jekyll-4-4-0-released"] },
    };

    [Theory]
    [MemberData(nameof(FivePages))]
    public async Task Five_pages_of_each_folder_pass_the_Nu_Html_Checker(string folder, string[] slugs)
    {
        await using var site = new ArticleSiteFactory { ContentFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder) };
        var client = site.CreateClient();
        var pages = new Dictionary<string, byte[]>();
        foreach (var slug in slugs)
            pages[slug] = await client.GetByteArrayAsync($"/articles/{slug}", Cancel);

        await NuHtmlChecker.AssertValidAsync(pages);
    }

    /// <summary>Each post whose pictures the fixture keeps, with the type of each picture its page shows, in order.</summary>
    public static TheoryData<string, string[]> PostsWithPictures => new()
    {
        { "jank-busters", ["image/png", "image/png"] },
        { "free-garbage-collection", ["image/png", "image/png"] },
        { "v8-release-80", ["image/svg+xml"] },
        { "v8-release-69", ["image/svg+xml"] },
    };

    [Theory]
    [MemberData(nameof(PostsWithPictures))]
    public async Task Pictures_kept_beside_the_posts_are_served_and_their_posts_report_none_missing(string slug, string[] types)
    {
        await using var site = new ArticleSiteFactory
        {
            ContentFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "v8-dev", "blog"),
            Settings = new Dictionary<string, string> { ["ContentLimits:MaxProblemsListed"] = "10000" },
        };
        var client = site.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/articles/{slug}", Cancel));
        var served = new List<string>();
        foreach (var source in page.QuerySelectorAll("article img").Select(image => image.GetAttribute("src")!))
        {
            using var response = await client.GetAsync(source, Cancel);
            served.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {source.StartsWith("/media/", StringComparison.Ordinal)}");
        }
        var health = await Health.GetAsync(client);

        Assert.Equal(types.Select(type => $"200 {type} True"), served);
        Assert.DoesNotContain(health.Problems, problem => problem.Path == $"{slug}.md");
    }

    /// <summary>Files with front matter naming a title and a date (or a date in the file name), and not a draft.</summary>
    private static int TitledAndDated(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".md", StringComparison.Ordinal) || file.EndsWith(".markdown", StringComparison.Ordinal))
            .Count(file =>
            {
                var frontMatter = FrontMatter().Match(File.ReadAllText(file));
                if (!frontMatter.Success)
                    return false;
                var fields = frontMatter.Groups[1].Value;
                return Field("title").IsMatch(fields)
                    && (Field("date").IsMatch(fields) || FileNameDate().IsMatch(Path.GetFileName(file)))
                    && !Regex.IsMatch(fields, @"(?m)^\s*(draft:\s*true|published:\s*false)\s*$");
            });

    private static Regex Field(string name) => new($@"(?m)^\s*{name}:\s*\S");

    [GeneratedRegex(@"\A---\r?\n(.*?)\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}-")]
    private static partial Regex FileNameDate();

    [GeneratedRegex(@"\]\(|\[[^\]]*\]")]
    private static partial Regex MarkdownLink();
}
