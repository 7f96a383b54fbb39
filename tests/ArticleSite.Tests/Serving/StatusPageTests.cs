using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The error page (404, 410 …) is one of the snapshot's pages: rendered once, sent in the coding the client accepts like
/// every page, with the headers of an error, and under the masthead of the snapshot published now.
/// </summary>
public sealed class StatusPageTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_404_asked_for_compressed_comes_in_that_coding_and_decodes_to_the_identity_bytes(string coding)
    {
        var client = site.CreateRawClient();

        using var identity = await client.SendAsync("/no/such/page", ("Accept-Encoding", "identity"));
        using var compressed = await client.SendAsync("/no/such/other/page", ("Accept-Encoding", coding));
        var identityBytes = await identity.Content.ReadAsByteArrayAsync(Cancel);
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (identity.StatusCode, compressed.StatusCode));
        Assert.Null(identity.ContentEncoding());
        Assert.Equal(coding, compressed.ContentEncoding());
        Assert.Equal(identityBytes, Requests.Decode(coding, compressedBytes));
        Assert.True(compressedBytes.Length < identityBytes.Length / 2, $"{compressedBytes.Length} bytes {coding}, {identityBytes.Length} identity");
        Assert.Contains("<h1>404 Not Found</h1>", Encoding.UTF8.GetString(identityBytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_form_of_a_404_stays_one_uncompressed_line()
    {
        using var response = await site.CreateRawClient().SendAsync("/no/such/page", ("Accept", "text/plain"), ("Accept-Encoding", "br, gzip"));

        Assert.Null(response.ContentEncoding());
        Assert.Equal("404 Not Found\n", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("identity")]
    public async Task A_HEAD_of_a_404_has_the_headers_of_its_GET_and_no_body(string coding)
    {
        var client = site.CreateRawClient();

        using var get = await client.SendAsync(HttpMethod.Get, "/no/such/page", ("Accept-Encoding", coding));
        using var head = await client.SendAsync(HttpMethod.Head, "/no/such/page", ("Accept-Encoding", coding));
        var getBytes = await get.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(getBytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal(coding == "br" ? "br" : null, head.ContentEncoding());
        foreach (var name in new[] { "Content-Type", "Content-Encoding", "Content-Length", "Vary", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options" })
            Assert.Equal(get.HeaderOf(name), head.HeaderOf(name));
    }

    [Fact]
    public async Task After_a_publication_that_renames_the_site_the_404_shows_the_new_name()
    {
        using var content = new TemporaryContentFolder();
        content.Write("plain.md", Article("Plain", "2025-11-02", "Body."));
        content.Write("site.yaml", "name: First Name\n");
        await using var live = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "00:00:00.2" } };
        var client = live.CreateRawClient();
        Assert.Equal("First Name", await NotFoundMastheadAsync(client));

        content.Write("site.yaml", "name: Second Name\n");
        var name = await Eventually.GetAsync(() => NotFoundMastheadAsync(client), name => name != "First Name", "the 404 to follow the new name");

        Assert.Equal("Second Name", name);
    }

    [Fact]
    public async Task A_404_leads_to_the_article_on_a_site_of_one_and_to_the_front_page_on_a_site_of_several()
    {
        using var content = new TemporaryContentFolder();
        content.Write("first.md", Article("First", "2025-11-02", "Body."));
        await using var live = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Content:RescanInterval"] = "00:00:00.2" } };
        var client = live.CreateRawClient();
        Assert.Equal(("/", "Read the article"), await NotFoundLinkHomeAsync(client));

        content.Write("second.md", Article("Second", "2025-11-03", "Body."));
        var link = await Eventually.GetAsync(() => NotFoundLinkHomeAsync(client), link => link.Text != "Read the article", "the 404 to follow the second article");

        Assert.Equal(("/", "Go to the front page"), link);
    }

    /// <summary>The link of a 404's main part: where it leads and what it says.</summary>
    private static async Task<(string? Href, string Text)> NotFoundLinkHomeAsync(HttpClient client)
    {
        using var response = await client.SendAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Cancel), Cancel);
        var link = page.QuerySelector("main a")!;
        return (link.GetAttribute("href"), link.TextContent);
    }

    /// <summary>The site's name in the masthead of a 404 sent Brotli-encoded.</summary>
    private static async Task<string> NotFoundMastheadAsync(HttpClient client)
    {
        using var response = await client.SendAsync("/no/such/page", ("Accept-Encoding", "br"));
        Assert.Equal((HttpStatusCode.NotFound, "br"), (response.StatusCode, response.ContentEncoding()));
        var html = Encoding.UTF8.GetString(Requests.Decode("br", await response.Content.ReadAsByteArrayAsync(Cancel)));
        var page = await new HtmlParser().ParseDocumentAsync(html, Cancel);
        return page.QuerySelector(".masthead a")!.TextContent;
    }
}
