using System.Net;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// If-Match, If-Unmodified-Since and If-Range as a resuming download uses them, and in the order of RFC 9110 §13.2.2:
/// a part is only ever cut from the bytes the client names by their strong ETag.
/// </summary>
public sealed class PreconditionTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Path = "/article.txt";

    /// <summary>The whole text, asked for twice so that the output cache holds it, and its ETag.</summary>
    private async Task<(HttpClient Client, byte[] Whole, string ETag)> CachedAsync()
    {
        var client = site.CreateRawClient();
        using var first = await client.SendAsync(Path);
        using var second = await client.SendAsync(Path);
        return (client, await second.Content.ReadAsByteArrayAsync(Cancel), second.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("\"stale\"")]
    [InlineData("\"stale\", \"older\"")]
    [InlineData("not a tag")]
    public async Task If_Match_without_the_current_ETag_gets_412_with_a_Range_or_without(string ifMatch)
    {
        var (client, _, _) = await CachedAsync();

        using var part = await client.SendAsync(Path, ("Range", "bytes=10-"), ("If-Match", ifMatch));
        using var whole = await client.SendAsync(Path, ("If-Match", ifMatch));

        Assert.Equal(HttpStatusCode.PreconditionFailed, part.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, whole.StatusCode);
        Assert.Equal("", part.HeaderOf("Content-Range"));
    }

    [Fact]
    public async Task If_Match_with_the_current_strong_ETag_gets_the_part_and_with_its_weak_form_412()
    {
        var (client, whole, etag) = await CachedAsync();

        using var current = await client.SendAsync(Path, ("Range", "bytes=10-"), ("If-Match", etag));
        using var star = await client.SendAsync(Path, ("Range", "bytes=10-"), ("If-Match", "*"));
        using var weak = await client.SendAsync(Path, ("Range", "bytes=10-"), ("If-Match", "W/" + etag));

        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
        Assert.Equal(whole[10..], await current.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.PartialContent, star.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
    }

    [Theory]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task If_Unmodified_Since_is_ignored_for_the_site_has_no_modification_date(string date)
    {
        var (client, whole, _) = await CachedAsync();

        // RFC 9110 §13.1.4: a recipient must ignore If-Unmodified-Since when the resource has no modification date
        // available. The strong ETag is what a resuming client checks, with If-Match or If-Range.
        using var part = await client.SendAsync(Path, ("Range", "bytes=10-"), ("If-Unmodified-Since", date));

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(whole[10..], await part.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task If_Match_is_evaluated_before_If_None_Match_and_both_before_the_Range()
    {
        var (client, _, etag) = await CachedAsync();

        using var staleMatch = await client.SendAsync(Path, ("If-Match", "\"stale\""), ("If-None-Match", etag));
        using var currentMatch = await client.SendAsync(Path, ("If-Match", etag), ("If-None-Match", etag), ("Range", "bytes=10-"));
        using var noneMatchFirst = await client.SendAsync(Path, ("If-None-Match", etag), ("Range", "bytes=10-"), ("If-Range", etag));

        Assert.Equal(HttpStatusCode.PreconditionFailed, staleMatch.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, currentMatch.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, noneMatchFirst.StatusCode);
    }

    [Fact]
    public async Task Deleting_one_article_changes_the_sitemap_and_no_earlier_validator_or_date_gets_304_or_206()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-03", "Alpha body."));
        var beta = content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        content.Write("gamma.md", Article("Gamma", "2025-11-01", "Gamma body."));
        await using var live = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = live.CreateRawClient();
        using var before = await client.SendAsync("/sitemaps/1.xml");
        var oldETag = before.Headers.ETag!.Tag;
        var oldDate = before.Headers.Date!.Value.ToString("R");

        File.Delete(beta);
        var after = await Eventually.GetAsync(() => client.GetStringAsync("/sitemaps/1.xml", Cancel), sitemap => !sitemap.Contains("/articles/beta", StringComparison.Ordinal), "the sitemap without the deleted article");

        using var sinceThen = await client.SendAsync("/sitemaps/1.xml", ("If-Modified-Since", oldDate));
        using var sameTag = await client.SendAsync("/sitemaps/1.xml", ("If-None-Match", oldETag));
        using var resumedByDate = await client.SendAsync("/sitemaps/1.xml", ("Range", "bytes=100-"), ("If-Range", oldDate));
        using var resumedByTag = await client.SendAsync("/sitemaps/1.xml", ("Range", "bytes=100-"), ("If-Range", oldETag));
        using var resumedIfMatch = await client.SendAsync("/sitemaps/1.xml", ("Range", "bytes=100-"), ("If-Match", oldETag));

        foreach (var whole in new[] { sinceThen, sameTag, resumedByDate, resumedByTag })
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(after, await whole.Content.ReadAsStringAsync(Cancel));
            Assert.NotEqual(oldETag, whole.Headers.ETag!.Tag);
            Assert.Equal("", whole.HeaderOf("Last-Modified"));
        }
        Assert.Equal(HttpStatusCode.PreconditionFailed, resumedIfMatch.StatusCode);
    }
}
