using System.Net;
using ArticleSite.Loading;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Every article a reader could title and date is published, whatever folder it was written for: slugs made from any
/// file name, the same name in two folders, dates kept only in an old URL, Jekyll's dates as written, bodies of any block.
/// The shapes are those of real Hugo, Jekyll, Zola and Eleventy folders.
/// </summary>
public sealed class FolderPublishingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ArticleMetadata Read(string path, string frontMatter = "title: T\ndate: 2025-11-01\n", string body = "A paragraph.\n") =>
        ArticleParser.Parse($"---\n{frontMatter}---\n\n{body}", path).Metadata;

    private static HttpClient NotFollowing(ArticleSiteFactory site) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.CreateClient().BaseAddress };

    [Theory]
    [InlineData("/content/go1.22.md", "go1-22")]
    [InlineData("/content/v1.0-trio.md", "v1-0-trio")]
    [InlineData("/content/retrofitting-temporal-memory-safety-on-c++.md", "retrofitting-temporal-memory-safety-on-c-plus-plus")]
    [InlineData("/content/what-is-new-in-c#.md", "what-is-new-in-c-sharp")]
    [InlineData("/content/Café au Lait.md", "cafe-au-lait")]
    [InlineData("/content/_posts/2022-12-21-jekyll-sass-converter-3.0-released.markdown", "jekyll-sass-converter-3-0-released")]
    [InlineData("/content/2024/Go_1.22/index.md", "go-1-22")]
    [InlineData("/content/plain-name.md", "plain-name")]
    public void A_file_name_becomes_a_slug_by_one_rule(string path, string slug) =>
        Assert.Equal(slug, Read(path).Slug);

    [Fact]
    public void A_name_without_ascii_letters_gets_a_stable_slug_of_its_hash()
    {
        var slug = Read("/content/你好.md").Slug;

        Assert.Matches("^post-[0-9a-f]{8}$", slug);
        Assert.Equal(slug, Read("/content/2024/你好.md").Slug);
        Assert.NotEqual(slug, Read("/content/再见.md").Slug);
    }

    [Fact]
    public void A_slug_written_in_the_front_matter_that_cannot_be_a_url_is_still_a_problem()
    {
        var problem = Assert.Throws<ContentException>(() => Read("/content/a.md", "title: T\ndate: 2025-11-01\nslug: Go1.22\n"));

        Assert.Equal("slug 'Go1.22' must be lowercase letters, digits and single hyphens", problem.Reason);
    }

    [Fact]
    public async Task A_file_name_with_dots_capitals_and_plus_is_published_and_its_spelling_answers_301()
    {
        using var content = new TemporaryContentFolder();
        content.Write("Go1.22.md", Article("Go 1.22 is released", "2024-02-06", "Go 1.22 is out."));
        content.Write("c++.md", Article("On C++", "2024-02-07", "About C++."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        using var client = NotFollowing(site);

        var health = await Health.GetAsync(client);
        using var page = await client.GetAsync("/articles/go1-22", Cancel);
        using var oldSpelling = await client.GetAsync("/articles/Go1.22", Cancel);
        using var plus = await client.GetAsync("/articles/c++", Cancel);

        Assert.Equal(("Healthy", 2), (health.Status, health.Articles));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/go1-22"), (oldSpelling.StatusCode, oldSpelling.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/c-plus-plus"), (plus.StatusCode, plus.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task The_same_file_name_in_two_year_folders_publishes_both_the_older_at_its_own_slug()
    {
        using var content = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "2023"));
        Directory.CreateDirectory(Path.Combine(content.Path, "2024", "otel-day"));
        content.Write("2024/otel-day/index.md", Article("OTel Day 2024", "2024-06-25", "The second one."));
        content.Write("2023/otel-day.md", Article("OTel Day 2023", "2023-06-26", "The first one."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);

        Assert.Equal(("Healthy", 2, 0), (health.Status, health.Articles, health.Problems.Count));
        Assert.StartsWith("OTel Day 2023\n", await client.GetStringAsync("/articles/otel-day.txt", Cancel), StringComparison.Ordinal);
        Assert.StartsWith("OTel Day 2024\n", await client.GetStringAsync("/articles/2024-otel-day.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_file_of_the_same_name_added_later_does_not_move_the_first_ones_url_even_after_a_restart()
    {
        using var content = new TemporaryContentFolder();
        var cache = Directory.CreateTempSubdirectory("articlesite-index-").FullName;
        Directory.CreateDirectory(Path.Combine(content.Path, "2024"));
        Directory.CreateDirectory(Path.Combine(content.Path, "2025"));
        content.Write("2025/otel-day.md", Article("OTel Day 2025", "2025-06-25", "The first written."));
        var settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "01:00:00", ["Content:SettleTime"] = "00:00:00.2" };
        try
        {
            await AddTheSecondAndRestartAsync(content, cache, settings);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static async Task AddTheSecondAndRestartAsync(TemporaryContentFolder content, string cache, Dictionary<string, string> settings)
    {
        await using (var site = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = cache, Settings = settings })
        {
            var client = site.CreateClient();
            Assert.StartsWith("OTel Day 2025\n", await client.GetStringAsync("/articles/otel-day.txt", Cancel), StringComparison.Ordinal);

            // Written afterwards, but dated before: by date alone it would take the slug.
            content.Write("2024/otel-day.md", Article("OTel Day 2024", "2024-06-25", "Added later."));
            await Eventually.GetAsync(() => client.GetAsync("/articles/2024-otel-day.txt", Cancel), response => response.IsSuccessStatusCode, "the second file to be published");
            Assert.StartsWith("OTel Day 2025\n", await client.GetStringAsync("/articles/otel-day.txt", Cancel), StringComparison.Ordinal);
            await Eventually.GetAsync(() => Task.FromResult(IndexedSlug(cache, "2024/otel-day.md")),
                slug => slug is "2024-otel-day", "the index to keep the second file under its folders' slug");
        }

        // The article index remembers which file published which slug.
        await using var restarted = new ArticleSiteFactory { ContentFolder = content.Path, CacheFolder = cache };
        var again = restarted.CreateClient();
        Assert.StartsWith("OTel Day 2025\n", await again.GetStringAsync("/articles/otel-day.txt", Cancel), StringComparison.Ordinal);
        Assert.StartsWith("OTel Day 2024\n", await again.GetStringAsync("/articles/2024-otel-day.txt", Cancel), StringComparison.Ordinal);
    }

    private static object? IndexedSlug(string cache, string path)
    {
        try
        {
            return IndexFile.In(cache) is { } database ? IndexFile.Scalar(database, "SELECT Slug FROM articles WHERE Path = $path", ("$path", path)) : null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // the tables are not made yet
        }
    }

    [Fact]
    public async Task A_folder_of_zola_posts_with_dates_only_in_their_path_starts_and_each_old_path_answers_301()
    {
        using var content = new TemporaryContentFolder();
        content.Write("wrapping-up.md", "+++\ntitle = \"Wrapping up 2023\"\npath = \"2023/12/15/wrapping-up\"\n+++\n\nThe year in review.\n");
        content.Write("a-new-start.md", "+++\ntitle = \"A new start\"\npath = \"/2024/01/02/a-new-start/\"\n+++\n\nThe new year.\n");
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        using var client = NotFollowing(site);

        var health = await Health.GetAsync(client);
        var text = await client.GetStringAsync("/articles/wrapping-up.txt", Cancel);
        using var oldPath = await client.GetAsync("/2024/01/02/a-new-start/", Cancel);

        Assert.Equal(("Healthy", 2), (health.Status, health.Articles));
        Assert.Contains("\n15 December 2023\n", text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/a-new-start"), (oldPath.StatusCode, oldPath.Headers.Location?.OriginalString));
    }

    [Theory]
    [InlineData("path: 2023/12/15/zola-post\n", "zola-post", "/2023/12/15/zola-post")]
    [InlineData("permalink: /blog/2023/12/15/jekyll-post.html\n", "jekyll-post", "/blog/2023/12/15/jekyll-post.html")]
    [InlineData("url: /2023/12/15/Hugo.Post/\n", "hugo-post", "/2023/12/15/Hugo.Post/")]
    [InlineData("url: https://blog.example.org/2023-12-15-hugo-post\n", "hugo-post", "/2023-12-15-hugo-post")]
    public void An_old_url_gives_the_date_the_slug_and_an_alias(string frontMatter, string slug, string alias)
    {
        var metadata = Read("/content/file-name.md", "title: T\n" + frontMatter);

        Assert.Equal(("2023-12-15", slug), (metadata.IsoDate, metadata.Slug));
        Assert.Contains(alias, metadata.Aliases);
    }

    [Fact]
    public void A_jekyll_permalink_pattern_is_no_old_url()
    {
        var metadata = Read("/content/2025-11-01-file-name.md", "title: T\npermalink: /news/:year/:title/\n");

        Assert.Equal(("file-name", 0), (metadata.Slug, metadata.Aliases.Count));
    }

    [Theory]
    [InlineData("2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00")]
    [InlineData("2013-05-06 00:00:00 -0700", "2013-05-06T00:00:00-07:00")]
    [InlineData("\"2016-05-18 21:35:27 -0700\"", "2016-05-18T21:35:27-07:00")]
    public void Jekyll_dates_are_read_as_written(string written, string iso) =>
        Assert.Equal(iso, Read("/content/a.md", $"title: T\ndate: {written}\n").IsoDate);

    [Fact]
    public void A_date_with_two_different_years_is_still_refused() =>
        Assert.Throws<ContentException>(() => Read("/content/a.md", "title: T\ndate: 2023-01-29 18:30:22 2022 -0800\n"));

    [Fact]
    public void A_long_front_matter_line_beside_a_link_definition_is_not_counted_as_nesting()
    {
        var metadata = Read("/content/long.md", $"title: T\ndate: 2025-11-01\ndescription: {new string('x', 300)}\n",
            body: "See [the spec][spec].\n\n[spec]: https://example.org/spec\n");

        Assert.Equal("T", metadata.Title);
    }

    [Theory]
    [InlineData("- one\n- two\n", "one")]
    [InlineData("| A | B |\n| --- | --- |\n| 1 | 2 |\n", "A")]
    [InlineData("> A quotation.\n", "A quotation.")]
    public void A_body_of_a_list_a_table_or_a_quotation_is_a_body_and_gives_the_summary(string body, string summary) =>
        Assert.Equal(summary, Read("/content/a.md", body: body).Summary);

    [Theory]
    [InlineData("```\ncode only\n```\n")]
    [InlineData("<figure><img src=\"https://example.org/a.png\" alt=\"A\"></figure>\n")]
    public void A_body_of_code_or_a_figure_is_a_body(string body) =>
        Assert.Equal("S", Read("/content/a.md", "title: T\ndate: 2025-11-01\nsummary: S\n", body).Summary);
}
