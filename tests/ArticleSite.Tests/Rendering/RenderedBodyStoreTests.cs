using System.Buffers.Text;
using System.IO.Hashing;
using System.Net;
using System.Text;
using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Memory that stays bounded however large the archive: the articles' rendered bodies live in a store with a byte
/// budget, least recently used out, and are rendered again from their files when asked for after; the output cache has
/// a size and a largest body chosen on purpose.
/// </summary>
public sealed class RenderedBodyStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] Forms = ["", ".txt", ".md", ".json"];

    [Fact]
    public async Task With_a_budget_too_small_for_one_body_every_article_is_served_alike_each_time_it_is_asked_for()
    {
        using var content = new TemporaryContentFolder();
        for (var i = 1; i <= 12; i++)
            content.Write($"article-{i}.md", Article($"Article {i}", $"2025-10-{i:D2}", $"The body of article {i}."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RenderedBodyBudget"] = "1" } };
        var client = site.CreateRawClient();

        var first = await FetchAllAsync(client, 12);
        var second = await FetchAllAsync(client, 12);

        Assert.All(first, response => Assert.Equal(HttpStatusCode.OK, response.Value.Status));
        Assert.All(first, response => Assert.Equal(ETagOf(response.Value.Body), response.Value.ETag));
        Assert.All(Enumerable.Range(1, 12), i =>
            Assert.Equal($"Article {i}\n\nSummary of Article {i}.\n\n{i} October 2025\n\nThe body of article {i}.\n", Encoding.UTF8.GetString(first[$"/articles/article-{i}.txt"].Body)));
        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, response => Assert.Equal(response.Value.Body, second[response.Key].Body));
        Assert.All(first, response => Assert.Equal(response.Value.ETag, second[response.Key].ETag));

        var bodies = site.Services.GetRequiredService<SitePublisher>().Current.Bodies;
        Assert.Equal(1, bodies.Budget);
        Assert.True(bodies.Evicted >= 24, $"{bodies.Evicted} bodies were let go; each of the 12 articles was rendered twice at least");
        Assert.True(bodies.Bytes <= bodies.Budget, $"the store counts {bodies.Bytes} bytes, over its budget of {bodies.Budget}");
    }

    [Fact]
    public async Task A_body_let_go_is_rendered_again_with_the_same_bytes_and_the_least_recently_asked_for_goes_first()
    {
        var alpha = ArticleParser.Parse(Article("Alpha", "2025-11-01", "Alpha body.", "slug: alpha\n"), "alpha.md").Article;
        var beta = ArticleParser.Parse(Article("Beta", "2025-11-02", "Beta body.", "slug: beta\n"), "beta.md").Article;
        var gamma = ArticleParser.Parse(Article("Gamma", "2025-11-03", "Gamma body.", "slug: gamma\n"), "gamma.md").Article;
        const string origin = "https://news.example.org";
        var alphaCost = RenderedBodies.CostOf(await new RenderedBodies(long.MaxValue, TestMetrics.Site()).GetAsync(alpha, origin, null));
        var betaCost = RenderedBodies.CostOf(await new RenderedBodies(long.MaxValue, TestMetrics.Site()).GetAsync(beta, origin, null));
        var gammaCost = RenderedBodies.CostOf(await new RenderedBodies(long.MaxValue, TestMetrics.Site()).GetAsync(gamma, origin, null));
        // Room for any two of the three, not for all three.
        var store = new RenderedBodies(alphaCost + betaCost + gammaCost - 1, TestMetrics.Site());

        var alphaBefore = await store.GetAsync(alpha, origin, "/articles/alpha");
        await Settled(store, alphaCost);
        await store.GetAsync(beta, origin, "/articles/beta");
        await Settled(store, alphaCost + betaCost);
        Assert.Same(alphaBefore, await store.GetAsync(alpha, origin, "/articles/alpha")); // alpha is now the most recently asked for
        await store.GetAsync(gamma, origin, "/articles/gamma");
        await Settled(store, alphaCost + gammaCost);

        Assert.Equal(["/articles/alpha", "/articles/gamma"], store.MadeFor(origin).SelectMany(made => made.Paths).Order(StringComparer.Ordinal));
        Assert.Equal(1, store.Evicted);
        var betaAgain = await store.GetAsync(beta, origin, "/articles/beta");
        await Settled(store, betaCost + gammaCost);
        var alphaAgain = await store.GetAsync(alpha, origin, "/articles/alpha");
        Assert.NotSame(alphaBefore, alphaAgain);
        foreach (var form in Enum.GetValues<ArticleForm>())
        {
            Assert.Equal(alphaBefore.Of(form).Representation.Body, alphaAgain.Of(form).Representation.Body);
            Assert.Equal(alphaBefore.Of(form).Representation.ETag, alphaAgain.Of(form).Representation.ETag);
        }
        Assert.Contains("Beta body.", Encoding.UTF8.GetString(betaAgain.Text.Representation.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_largest_cached_size_is_served_whole_each_time_and_never_from_the_output_cache()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Alpha body."));
        await using var site = new ArticleSiteFactory
        {
            ContentFolder = content.Path,
            Settings = new Dictionary<string, string> { ["Caching:MaximumCachedBody"] = "1000", ["Caching:OutputCacheSize"] = "1000000" },
        };
        var client = site.CreateRawClient();
        var options = site.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value;
        Assert.Equal((1000, 1_000_000), (options.MaximumBodySize, options.SizeLimit));

        // The plain text is small enough to be cached; the page is not.
        using var text = await site.CacheStore.StoredAsync(() => client.GetAsync("/articles/alpha.txt", Cancel));
        Assert.True((await text.Content.ReadAsByteArrayAsync(Cancel)).Length < 1000);
        var hitsBefore = site.CacheStore.Hits;
        var pages = new List<(HttpStatusCode Status, string? ETag, byte[] Body)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/articles/alpha", Cancel);
            pages.Add((response.StatusCode, response.Headers.ETag?.Tag, await response.Content.ReadAsByteArrayAsync(Cancel)));
        }

        Assert.Equal(hitsBefore, site.CacheStore.Hits);
        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.Status));
        Assert.All(pages, page => Assert.True(page.Body.Length > 1000, $"the page is {page.Body.Length} bytes"));
        Assert.All(pages, page => Assert.Equal(ETagOf(page.Body), page.ETag));
        Assert.All(pages, page => Assert.Contains("<p>Alpha body.</p>", Encoding.UTF8.GetString(page.Body), StringComparison.Ordinal));
        Assert.Single(pages.Select(page => Convert.ToBase64String(page.Body)).Distinct());
    }

    /// <summary>Each URL of the articles, once, identity coding: status, ETag and bytes.</summary>
    private static async Task<Dictionary<string, (HttpStatusCode Status, string? ETag, byte[] Body)>> FetchAllAsync(HttpClient client, int count)
    {
        var responses = new Dictionary<string, (HttpStatusCode, string?, byte[])>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            foreach (var form in Forms)
            {
                var path = $"/articles/article-{i}{form}";
                using var response = await client.GetAsync(path, Cancel);
                responses[path] = (response.StatusCode, response.Headers.ETag?.Tag, await response.Content.ReadAsByteArrayAsync(Cancel));
            }
        }
        return responses;
    }

    /// <summary>Waits until the store has counted the renditions it made: it does so just after handing them out.</summary>
    private static Task<long> Settled(RenderedBodies store, long bytes) =>
        Eventually.GetAsync(() => Task.FromResult(store.Bytes), counted => counted == bytes, $"the store to count {bytes} bytes");

    /// <summary>The site's strong ETag for a body: its 128-bit XXH3 hash, base64url, quoted.</summary>
    private static string ETagOf(byte[] body) => $"\"{Base64Url.EncodeToString(XxHash128.Hash(body))}\"";
}
