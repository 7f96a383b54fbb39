using ArticleSite.Loading;

namespace ArticleSite.Tests;

/// <summary>
/// Each front matter field under each of the names the common tools give it (Hugo, Jekyll, Zola, Astro, Eleventy), in
/// each shape it may take, and what the site takes when the front matter says nothing.
/// </summary>
public sealed class FrontMatterFieldTests
{
    private const string Body = "The first paragraph of the body.\n";

    private static ArticleMetadata Read(string frontMatter, string path = "/content/an-article.md", string body = Body) =>
        ArticleParser.Parse($"---\ntitle: A title\ndate: 2025-11-01\n{frontMatter}\n---\n\n{body}", path).Metadata;

    [Theory]
    [InlineData("summary")]
    [InlineData("description")]
    [InlineData("excerpt")]
    [InlineData("subtitle")]
    public void The_summary_is_read_under_each_of_its_names(string name) =>
        Assert.Equal("What it is about.", Read($"{name}: What it is about.").Summary);

    [Fact]
    public void Without_a_summary_the_first_paragraph_is_taken() =>
        Assert.Equal("The first paragraph of the body.", Read("").Summary);

    [Fact]
    public void A_long_first_paragraph_is_cut_at_a_word_boundary()
    {
        var words = Enumerable.Range(1, 40).Select(number => $"word{number:D2}").ToList();

        var summary = Read("", body: string.Join(' ', words) + "\n").Summary;

        // Seven characters a word with its space: the 200th character falls in the 29th word, which is left out whole.
        Assert.Equal(string.Join(' ', words.Take(28)) + "…", summary);
    }

    [Theory]
    [InlineData("date")]
    [InlineData("publishDate")]
    [InlineData("pubDate")]
    [InlineData("PUBDATE")]
    public void The_date_is_read_under_each_of_its_names(string name)
    {
        var metadata = ArticleParser.Parse($"---\ntitle: T\n{name}: 2024-03-05\n---\n\n{Body}", "/content/a.md").Metadata;

        Assert.Equal("2024-03-05", metadata.IsoDate);
    }

    [Theory]
    [InlineData("lastmod")]
    [InlineData("updated")]
    [InlineData("modified")]
    [InlineData("last_modified_at")]
    public void The_update_date_is_read_under_each_of_its_names(string name)
    {
        var metadata = Read($"{name}: 2025-11-03T08:00:00+01:00");

        Assert.Equal("2025-11-03T08:00:00+01:00", metadata.Updated?.Iso);
        Assert.Equal(metadata.Updated, metadata.Modified);
    }

    [Fact]
    public void Without_an_update_date_the_article_was_last_modified_on_its_date()
    {
        var metadata = Read("");

        Assert.Null(metadata.Updated);
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), metadata.Modified.Instant);
    }

    [Theory]
    [InlineData("author: Ada Lovelace", new[] { "Ada Lovelace" }, "By Ada Lovelace")]
    [InlineData("authors: [Ada Lovelace, Grace Hopper]", new[] { "Ada Lovelace", "Grace Hopper" }, "By Ada Lovelace and Grace Hopper")]
    [InlineData("by: Ada Lovelace, Grace Hopper, Alan Turing", new[] { "Ada Lovelace", "Grace Hopper", "Alan Turing" }, "By Ada Lovelace, Grace Hopper and Alan Turing")]
    [InlineData("authors:\n  - name: Ada Lovelace\n    url: https://example.org/ada\n  - Grace Hopper", new[] { "Ada Lovelace", "Grace Hopper" }, "By Ada Lovelace and Grace Hopper")]
    [InlineData("author:\n  name: Ada Lovelace", new[] { "Ada Lovelace" }, "By Ada Lovelace")]
    [InlineData("", new string[0], null)]
    public void Authors_are_read_as_text_or_a_list(string frontMatter, string[] authors, string? byline)
    {
        var metadata = Read(frontMatter);

        Assert.Equal(authors, metadata.Authors.Select(author => author.Name));
        Assert.Equal(byline, metadata.Byline);
    }

    [Theory]
    [InlineData("tags: [go, release]", new[] { "go", "release" })]
    [InlineData("tags: go", new[] { "go" })]
    [InlineData("categories: [community]", new[] { "community" })]
    [InlineData("category: release", new[] { "release" })]
    [InlineData("keywords: go, generics", new[] { "go", "generics" })]
    [InlineData("tags: [go]\ncategories: [Go, release]", new[] { "go", "release" })]
    public void Tags_are_read_under_each_of_their_names_as_text_or_a_list(string frontMatter, string[] tags) =>
        Assert.Equal(tags, Read(frontMatter).Tags);

    [Theory]
    [InlineData("slug: chosen-slug", "/content/file-name.md", "chosen-slug")]
    [InlineData("", "/content/file-name.md", "file-name")]
    [InlineData("", "/content/file-name.markdown", "file-name")]
    [InlineData("", "/content/2025-01-29-jekyll-4-4-1-released.markdown", "jekyll-4-4-1-released")]
    [InlineData("", "/content/bundled-article/index.md", "bundled-article")]
    [InlineData("", "/content/2025-01-29-bundled-article/index.md", "bundled-article")]
    [InlineData("path: blog/zola-style", "/content/file-name.md", "zola-style")]
    [InlineData("permalink: /news/2016/01/24/jekyll-3-1-0-released/", "/content/file-name.md", "jekyll-3-1-0-released")]
    [InlineData("permalink: /news/old-page.html", "/content/file-name.md", "old-page")]
    [InlineData("slug: chosen-slug\npermalink: /news/old-page/", "/content/file-name.md", "chosen-slug")]
    public void The_slug_is_the_front_matters_else_the_last_segment_of_the_old_URL_else_the_files_name(string frontMatter, string path, string slug) =>
        Assert.Equal(slug, Read(frontMatter, path).Slug);

    [Theory]
    [InlineData("aliases: [/old/one/, /old/two]", new[] { "/old/one/", "/old/two" })]
    [InlineData("redirect_from: /news/2019/07/20/old-name/", new[] { "/news/2019/07/20/old-name/" })]
    [InlineData("aliases: [old-relative]", new[] { "/old-relative" })]
    [InlineData("aliases: [\"https://old.example.org/2019/post/\"]", new[] { "/2019/post/" })]
    [InlineData("permalink: /news/old-page/\naliases: [/older/]", new[] { "/news/old-page/", "/older/" })]
    [InlineData("", new string[0])]
    public void Old_URLs_are_read_from_aliases_redirect_from_and_an_old_permalink(string frontMatter, string[] aliases) =>
        Assert.Equal(aliases, Read(frontMatter).Aliases);

    [Theory]
    [InlineData("draft: true", true)]
    [InlineData("draft: false", false)]
    [InlineData("published: false", true)]
    [InlineData("published: true", false)]
    [InlineData("", false)]
    public void A_draft_is_marked_by_draft_true_or_published_false(string frontMatter, bool draft) =>
        Assert.Equal(draft, Read(frontMatter).Draft);

    [Theory]
    [InlineData("expiryDate: 2026-01-01T00:00:00Z")]
    [InlineData("unpublishDate: 2026-01-01T00:00:00Z")]
    public void The_expiry_is_read_under_each_of_its_names(string frontMatter) =>
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Read(frontMatter).Expiry?.Instant);

    [Theory]
    [InlineData("image: /images/cover.png", "/images/cover.png")]
    [InlineData("cover: /images/cover.png", "/images/cover.png")]
    [InlineData("cover:\n  image: /images/cover.png\n  alt: A cover", "/images/cover.png")]
    [InlineData("", null)]
    public void The_image_is_read_from_image_or_cover(string frontMatter, string? image) =>
        Assert.Equal(image, Read(frontMatter).Image);

    [Theory]
    [InlineData("lang: ko", "ko")]
    [InlineData("language: pt-BR", "pt-BR")]
    [InlineData("", null)] // the site's language
    public void The_language_is_read_from_lang_or_language(string frontMatter, string? language) =>
        Assert.Equal(language, Read(frontMatter).Language);

    [Fact]
    public void Lead_source_and_section_are_read_as_before()
    {
        var metadata = Read("lead: true\nsource: thefoxdaily.com\nsection: Latest World");

        Assert.Equal((true, "thefoxdaily.com", "Latest World"), (metadata.Lead, metadata.Source, metadata.Section));
    }

    [Fact]
    public void Unknown_fields_are_ignored_whatever_their_shape()
    {
        var metadata = Read("layout: news_item\nversion: 4.4.1\nweight: 3\nextra: {a: [1, 2]}\nparams:\n  - x");

        Assert.Equal("A title", metadata.Title);
    }

    [Fact]
    public void Publish_date_beside_the_date_sets_when_the_article_comes_out()
    {
        var metadata = Read("publishDate: 2025-11-05T09:00:00+09:00");

        Assert.Equal("2025-11-01", metadata.IsoDate);
        Assert.Equal(new DateTimeOffset(2025, 11, 5, 0, 0, 0, TimeSpan.Zero), metadata.ReleasedAt);
    }
}
