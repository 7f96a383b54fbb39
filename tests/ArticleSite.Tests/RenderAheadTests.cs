using System.Net;
using System.Text;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// A republished snapshot renders what readers were reading before it is swapped in, so that no reader waits for a
/// rendering after an edit; what nobody asked for stays unrendered.
/// </summary>
public sealed class RenderAheadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edit_is_published_with_the_pages_in_demand_already_rendered_and_compressed()
    {
        using var content = new TemporaryContentFolder();
        content.Write("alpha.md", Article("Alpha", "2025-11-01", "First version."));
        content.Write("beta.md", Article("Beta", "2025-11-02", "Beta body."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateRawClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/articles/alpha") { Headers = { { "Accept-Encoding", "br" } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read, Cancel)).StatusCode);
        var publisher = site.Services.GetRequiredService<SitePublisher>();
        var before = publisher.Current.Generation;

        content.Write("alpha.md", Article("Alpha", "2025-11-01", "Second version."));
        var republished = await Eventually.GetAsync(() => Task.FromResult(publisher.Current), snapshot => snapshot.Generation > before, "the edit to be published");

        // No request has reached the new snapshot: whatever it has rendered, it rendered before it was swapped in.
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var rendered = (await republished.ForOriginAsync(origin)).Rendered.ToDictionary(entry => entry.Path, entry => entry.Resource);
        var page = Assert.Contains("/articles/alpha", rendered).Representation;
        Assert.Contains("Second version.", Encoding.UTF8.GetString(page.Body), StringComparison.Ordinal);
        Assert.Equal([ContentCoding.Brotli], page.CompressedCodings);
        Assert.DoesNotContain("/articles/beta", rendered.Keys);
    }
}
