using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// The Markdown form (<c>/articles/{slug}.md</c>) is the article's file as written, but for each published media
/// reference, whose URL names the file where the site serves it: a path beside the article would be a 404.
/// </summary>
public sealed class MarkdownFormTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Markdown_form_points_each_published_media_reference_at_its_served_url_and_keeps_every_other_character()
    {
        using var content = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "summit", "images"));
        var photo = TestPictures.Jpeg(120, 80);
        var chart = TestPictures.Png(64, 32);
        var crowd = TestPictures.Jpeg(90, 60);
        var report = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
        content.WriteBytes("summit/images/summit.jpg", photo);
        content.WriteBytes("summit/images/chart.png", chart);
        content.WriteBytes("summit/images/the crowd.jpg", crowd);
        content.WriteBytes("summit/report.pdf", report);
        const string Written = """
            ---
            title: Summit
            summary: Leaders met.
            date: 2025-11-01
            ---

            ![Summit](images/summit.jpg)

            A reference-style picture: ![Chart][chart], and [the report](report.pdf "The full report").

            A URL in angle brackets: ![Crowd](<images/the crowd.jpg> "The crowd — Photo: A. Reporter").

            ![Missing](images/missing.jpg) stays as written, as do [a page](../other) and ![elsewhere](https://example.org/x.jpg).

            > Quoted, *twice*: ![Summit again](images/summit.jpg)
            > and [the report][].

            <img src="images/summit.jpg" alt="Raw" srcset="images/summit.jpg 1x, images/chart.png 2x">

            [chart]: images/chart.png 'The chart'
            [the report]: <report.pdf>

            """;
        content.Write("summit/index.md", Written);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var markdown = await site.CreateClient().GetStringAsync("/articles/summit.md", Cancel);

        var (summit, chartUrl, crowdUrl, reportUrl) = (TestPictures.MediaUrl(photo, "summit.jpg"), TestPictures.MediaUrl(chart, "chart.png"), TestPictures.MediaUrl(crowd, "the-crowd.jpg"), TestPictures.MediaUrl(report, "report.pdf"));
        Assert.Equal($"""
            ---
            title: Summit
            summary: Leaders met.
            date: 2025-11-01
            ---

            ![Summit]({summit})

            A reference-style picture: ![Chart][chart], and [the report]({reportUrl} "The full report").

            A URL in angle brackets: ![Crowd](<{crowdUrl}> "The crowd — Photo: A. Reporter").

            ![Missing](images/missing.jpg) stays as written, as do [a page](../other) and ![elsewhere](https://example.org/x.jpg).

            > Quoted, *twice*: ![Summit again]({summit})
            > and [the report][].

            <img src="{summit}" alt="Raw" srcset="{summit} 1x, {chartUrl} 2x">

            [chart]: {chartUrl} 'The chart'
            [the report]: <{reportUrl}>

            """, markdown);
    }

    [Fact]
    public async Task Markdown_form_of_an_article_without_media_is_its_file_byte_for_byte()
    {
        using var content = new TemporaryContentFolder();
        const string Written = "---\r\ntitle: Plain\r\ndate: 2025-11-01\r\n---\r\n\r\nA [link](other.md) and ![an image](https://example.org/a.jpg).\r\n";
        content.Write("plain.md", Written);
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        Assert.Equal(Written, await site.CreateClient().GetStringAsync("/articles/plain.md", Cancel));
    }
}
