using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Requests are served on the socket threads. An article's page is made on the first request for it, and with raw HTML
/// that means parsing and sanitizing it; that work runs elsewhere, so every other connection keeps being answered meanwhile.
/// </summary>
public sealed class ServingWhileRenderingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Other_connections_are_answered_while_an_article_with_raw_HTML_is_rendered_for_its_first_reader()
    {
        using var content = new TemporaryContentFolder();
        content.Write("raw.md", Article("Raw", "2025-11-01", RawHtmlBody(paragraphs: Paragraphs)));
        content.Write("short.md", Article("Short", "2025-11-02", "A short body."));
        // Reading the long file must not run out of its time budget on a loaded machine; rendering has none.
        await using var site = SiteProcess.StartOn(content.Path, "--ContentLimits:FileTimeBudget", "00:02:00");
        var address = await site.ListeningAsync();
        using var warm = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/articles/short.txt", Cancel)).StatusCode);

        // Nothing of the raw article has been made yet: this request makes its page.
        using var rendering = new HttpClient { BaseAddress = address };
        var rawPage = rendering.GetAsync("/articles/raw", Cancel);

        // Each on a new connection, so they land on every socket thread, the rendering request's included.
        var shortOnes = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = address };
            return await client.GetAsync("/articles/short.txt", Cancel);
        }).ToList();
        var allShort = Task.WhenAll(shortOnes);

        Assert.Same(allShort, await Task.WhenAny(allShort, rawPage));
        Assert.All(await allShort, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        using var rawResponse = await rawPage;
        Assert.Equal(HttpStatusCode.OK, rawResponse.StatusCode);
        var html = await rawResponse.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"<b>bold {Paragraphs - 1}</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
    }

    private const int Paragraphs = 6_000;

    /// <summary>Paragraphs of inline raw HTML, some of it to be cleaned, so the page takes the sanitizer a while.</summary>
    private static string RawHtmlBody(int paragraphs) =>
        string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(number =>
            $"Paragraph {number} <span title=\"t{number}\"><b>bold {number}</b> and <i onclick=\"x()\">italic</i></span> with " +
            $"<a href=\"https://example.org/{number}\">a link</a>, <sub>sub</sub> and <kbd>keys</kbd> in it."));
}
