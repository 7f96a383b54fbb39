using System.Net;
using System.Net.Sockets;
using System.Text;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// A client that reads a large response slowly holds only its own connection: another request for the same URL, in the
/// same coding, is answered in full while the slow one is still being sent (no one waits on a cache entry being filled).
/// </summary>
public sealed class SlowReaderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_for_the_feed_is_answered_in_full_while_another_client_has_not_read_its_copy()
    {
        using var content = new TemporaryContentFolder();
        // About 8 MB of feed: more than the socket buffers and Kestrel's response buffer hold between them. The feed
        // carries the newest 20 articles, so each is long.
        var body = string.Join("\n\n", Enumerable.Range(0, 1600).Select(paragraph => $"Paragraph {paragraph}: " + string.Concat(Enumerable.Repeat("words of the article ", 12))));
        for (var index = 0; index < 20; index++)
            content.Write($"a{index}.md", Article($"Article {index}", $"2025-{1 + index % 12:00}-{1 + index % 28:00}", body));
        await using var site = new PatientSiteFactory { ContentFolder = content.Path };
        var client = site.CreateRawClient();
        var endPoint = RawHttp.EndPointOf(site.Services);

        // The slow reader asks first, so it is the one whose response would fill the cache entry, and reads only the
        // start of the answer: the server is then left writing the rest into a full socket.
        using var slow = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(endPoint, Cancel);
        await slow.SendAsync(Encoding.ASCII.GetBytes($"GET /feed.atom HTTP/1.1\r\nHost: {client.BaseAddress!.Authority}\r\n\r\n"), Cancel);
        var start = new byte[1024];
        var started = await slow.ReceiveAsync(start, Cancel);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", Encoding.ASCII.GetString(start, 0, started), StringComparison.Ordinal);

        // Only a bound for a broken build, where this request would wait for the slow reader to finish, which it never does.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        using var other = await client.GetAsync("/feed.atom", bound.Token);
        var feed = await other.Content.ReadAsByteArrayAsync(bound.Token);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.True(feed.Length > 6_000_000, $"a feed of {feed.Length} bytes");
        // The slow reader's copy was still on its way all along, and is the same.
        var received = new MemoryStream();
        received.Write(start, 0, started);
        var buffer = new byte[64 * 1024];
        int headerEnd;
        while ((headerEnd = received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8)) < 0 || received.Length - headerEnd - 4 < feed.Length)
        {
            var read = await slow.ReceiveAsync(buffer, Cancel);
            Assert.True(read > 0, "the slow reader's connection closed before its body was complete");
            received.Write(buffer, 0, read);
        }
        Assert.Equal(feed, received.ToArray()[(headerEnd + 4)..]);
    }

    /// <summary>Gives a client that does not read a long grace, so the server's minimum data rate does not drop it during the test.</summary>
    private sealed class PatientSiteFactory : ArticleSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ServerLimits:MinDataRateGracePeriod", "00:10:00");
        }
    }
}
