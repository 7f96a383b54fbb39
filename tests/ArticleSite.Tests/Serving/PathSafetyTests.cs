using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>The site serves only its rendered table: no URL, however encoded, reaches a file, in content/ or anywhere else.</summary>
public sealed class PathSafetyTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Targets => [.. HostileRequests.TraversalTargets];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_URL_aiming_at_a_file_gets_404_or_400_and_no_file_content(string target)
    {
        site.StartServer();
        await using var connection = await RawHttp.ConnectAsync(RawHttp.EndPointOf(site.Services), Cancel);
        await connection.SendAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\n\r\n", Cancel);

        var response = await connection.ReadResponseAsync(toHead: false, Cancel);

        Assert.True(response.Status is 400 or 404, $"got {response.StatusLine}");
        // Kestrel's 400 has no body; the site's 404 is one line of text.
        Assert.Equal(response.Status == 404 ? "404 Not Found\n" : "", System.Text.Encoding.UTF8.GetString(response.Body));
    }
}
