using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Requests are served on the socket threads. The one-time work a first request can start (here, Brotli of a
/// 3.4 MB page) runs elsewhere, so every other connection keeps being answered meanwhile.
/// </summary>
public sealed class ServingWhileCompressingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Other_connections_are_answered_while_a_long_page_is_compressed_for_its_first_reader()
    {
        using var content = new TemporaryContentFolder();
        content.Write("long.md", Article("Long", "2025-11-01", LongBody(paragraphs: 12_000)));
        content.Write("short.md", Article("Short", "2025-11-02", "A short body."));
        await using var site = SiteProcess.StartOn(content.Path);
        var address = await site.ListeningAsync();
        using var warm = new HttpClient { BaseAddress = address };
        // Rendered now, so the br request below goes straight to compression.
        Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/articles/long", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/articles/short.txt", Cancel)).StatusCode);

        using var compressing = new HttpClient { BaseAddress = address };
        using var firstBrotli = new HttpRequestMessage(HttpMethod.Get, "/articles/long") { Headers = { { "Accept-Encoding", "br" } } };
        var longPage = compressing.SendAsync(firstBrotli, Cancel);

        // Each on a new connection, so they land on every socket thread, the compressing request's included.
        var shortOnes = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = address };
            return await client.GetAsync("/articles/short.txt", Cancel);
        }).ToList();
        var allShort = Task.WhenAll(shortOnes);

        Assert.Same(allShort, await Task.WhenAny(allShort, longPage));
        Assert.All(await allShort, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        using var longResponse = await longPage;
        Assert.Equal(HttpStatusCode.OK, longResponse.StatusCode);
        Assert.Equal("br", Assert.Single(longResponse.Content.Headers.ContentEncoding));
    }

    /// <summary>Varied words, so Brotli finds little to repeat and takes its time.</summary>
    private static string LongBody(int paragraphs)
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 5_000).Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 11)).Select(_ => (char)('a' + random.Next(26)))])).ToArray();
        return string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(_ => string.Join(' ', Enumerable.Range(0, 40).Select(_ => words[random.Next(words.Length)])) + "."));
    }
}
