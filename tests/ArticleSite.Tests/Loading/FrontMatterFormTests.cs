using ArticleSite.Loading;
using Markdig.Syntax;

namespace ArticleSite.Tests;

/// <summary>The forms an article's file may take: YAML, TOML or no front matter; each way of writing a date; the date in the file's name or folders.</summary>
public sealed class FrontMatterFormTests
{
    private const string Body = "The first paragraph of the body.\n";

    public static TheoryData<string, string, string, string> DateForms => new()
    {
        // as written, <time datetime>, as shown, the instant in UTC
        { "2025-11-01", "2025-11-01", "1 November 2025", "2025-11-01T00:00:00Z" },
        { "2024-03-05T10:00:00+09:00", "2024-03-05T10:00:00+09:00", "5 March 2024", "2024-03-05T01:00:00Z" },
        { "2025-01-29 18:15:32 +0530", "2025-01-29T18:15:32+05:30", "29 January 2025", "2025-01-29T12:45:32Z" },
        { "\"2013-05-06 02:12:52 +0200\"", "2013-05-06T02:12:52+02:00", "6 May 2013", "2013-05-06T00:12:52Z" },
        { "2025-01-29 18:15:32 +05:30", "2025-01-29T18:15:32+05:30", "29 January 2025", "2025-01-29T12:45:32Z" },
        { "2025-01-29T18:15:32Z", "2025-01-29T18:15:32+00:00", "29 January 2025", "2025-01-29T18:15:32Z" },
        { "2025-01-29t18:15:32z", "2025-01-29T18:15:32+00:00", "29 January 2025", "2025-01-29T18:15:32Z" },
        { "2025-01-29T18:15:32.250-03:00", "2025-01-29T18:15:32-03:00", "29 January 2025", "2025-01-29T21:15:32.25Z" },
        { "2025-01-29 18:15:32", "2025-01-29T18:15:32+00:00", "29 January 2025", "2025-01-29T18:15:32Z" },
        { "2025-01-29T18:15", "2025-01-29T18:15:00+00:00", "29 January 2025", "2025-01-29T18:15:00Z" },
        // Late in the evening at UTC-8 is the next day in UTC: the page shows the author's day.
        { "2016-05-18 21:35:27 -0700", "2016-05-18T21:35:27-07:00", "18 May 2016", "2016-05-19T04:35:27Z" },
    };

    [Theory]
    [MemberData(nameof(DateForms))]
    public void Each_date_form_keeps_its_offset_shows_the_authors_day_and_stands_for_its_instant(string written, string machine, string shown, string utc)
    {
        var metadata = ArticleParser.Parse($"---\ntitle: T\ndate: {written}\n---\n\n{Body}", "/content/a.md").Metadata;

        Assert.Equal((machine, shown), (metadata.IsoDate, metadata.DisplayDate));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), metadata.Date.Instant);
    }

    [Theory]
    [InlineData("/content/2025-01-29-slug.md", "2025-01-29")]
    [InlineData("/content/2025-01-29-slug.markdown", "2025-01-29")]
    [InlineData("/content/2018/07/27/slug.md", "2018-07-27")]
    [InlineData("/content/2018/07/27/slug/index.md", "2018-07-27")]
    [InlineData("/content/2025-01-29-slug/index.md", "2025-01-29")]
    public void Without_a_date_field_the_date_is_the_one_in_the_files_name_or_folders(string path, string date)
    {
        var metadata = ArticleParser.Parse($"---\ntitle: T\n---\n\n{Body}", path).Metadata;

        Assert.Equal(date, metadata.IsoDate);
    }

    [Fact]
    public void A_file_without_front_matter_takes_its_title_from_its_heading_which_leaves_the_body()
    {
        var article = ArticleParser.Parse("# The headline\n\nThe first paragraph.\n\n## A section\n\nMore text.\n", "/content/2025-01-29-headline.md");

        Assert.Equal(("The headline", "The first paragraph.", "2025-01-29", "headline"),
            (article.Metadata.Title, article.Metadata.Summary, article.Metadata.IsoDate, article.Metadata.Slug));
        Assert.Equal([2], article.Document.Descendants<HeadingBlock>().Select(heading => heading.Level));
        Assert.StartsWith("# The headline\n", article.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_in_the_front_matter_leaves_the_bodys_heading_in_place()
    {
        var article = ArticleParser.Parse("---\ntitle: From the front matter\ndate: 2025-11-01\n---\n# In the body\n\nText.\n", "/content/a.md");

        Assert.Equal("From the front matter", article.Metadata.Title);
        Assert.Single(article.Document.Descendants<HeadingBlock>());
    }

    [Fact]
    public void TOML_front_matter_between_plus_lines_is_read_like_YAML()
    {
        var toml = """
            +++
            title = "Go 1.24 is released"
            description = "Generic type aliases and more."
            date = 2025-02-11T09:00:00-05:00
            lastmod = 2025-02-12
            authors = ["Junyang Shao", "Go team"]
            tags = ["release"]
            aliases = ["/go1.24"]
            draft = false
            weight = 10

            [extra]
            comments = true
            +++

            The Go team is happy to announce the release.
            """;

        var metadata = ArticleParser.Parse(toml, "/content/go1-24.md").Metadata;

        Assert.Equal("Go 1.24 is released", metadata.Title);
        Assert.Equal("Generic type aliases and more.", metadata.Summary);
        Assert.Equal(("2025-02-11T09:00:00-05:00", "11 February 2025"), (metadata.IsoDate, metadata.DisplayDate));
        Assert.Equal("2025-02-12", metadata.Updated?.Iso);
        Assert.Equal(["Junyang Shao", "Go team"], metadata.Authors.Select(author => author.Name));
        Assert.Equal(["release"], metadata.Tags);
        Assert.Equal(["/go1.24"], metadata.Aliases);
        Assert.False(metadata.Draft);
        Assert.Equal("go1-24", metadata.Slug);
    }

    [Theory]
    [InlineData("date = 2025-02-11", "2025-02-11")]
    [InlineData("date = \"2025-02-11 09:00:00 +0100\"", "2025-02-11T09:00:00+01:00")]
    [InlineData("date = 2025-02-11T09:00:00Z", "2025-02-11T09:00:00+00:00")]
    [InlineData("date = 2025-02-11T09:00:00", "2025-02-11T09:00:00+00:00")]
    public void TOML_dates_native_or_quoted_are_read(string line, string machine)
    {
        var metadata = ArticleParser.Parse($"+++\ntitle = \"T\"\n{line}\n+++\n\n{Body}", "/content/a.md").Metadata;

        Assert.Equal(machine, metadata.IsoDate);
    }

    [Theory]
    [InlineData("---\ntitle: T\ndate: 2025-11-01\ntags: [a]\n---\nTwo words.\n", 6)]
    [InlineData("---\ntitle: T\ndate: 2025-11-01\n...\nTwo words.\n", 5)]
    [InlineData("+++\ntitle = \"T\"\ndate = 2025-11-01\n+++\nTwo words.\n", 5)]
    [InlineData("---  \ntitle: T\ndate: 2025-11-01\n---\t\nTwo words.\n", 5)]
    public void No_line_of_the_front_matter_is_part_of_the_body_whose_lines_stay_the_files(string text, int line)
    {
        var article = ArticleParser.Parse(text, "/content/a.md");

        Assert.Equal(["Two words."], article.Document.Descendants<ParagraphBlock>().Select(paragraph => InlineText.Of(paragraph.Inline)));
        Assert.Equal(2, article.WordCount);
        Assert.Equal(line, article.Document.Descendants<ParagraphBlock>().Single().Line + 1);
    }

    [Fact]
    public void Windows_line_ends_change_nothing()
    {
        var article = ArticleParser.Parse("---\r\ntitle: T\r\ndate: 2025-11-01\r\n---\r\n\r\nBody text.\r\n", "/content/a.md");

        Assert.Equal(("T", "Body text."), (article.Metadata.Title, article.Metadata.Summary));
    }
}
