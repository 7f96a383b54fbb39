using System.Net;
using System.Text.RegularExpressions;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>The corpus of <see cref="HostileRequests"/> sent over raw sockets to one running site: each answered as it deserves, nothing leaked, the site still up.</summary>
public sealed partial class HostileRequestTests(ArticleSiteFactory site) : IClassFixture<ArticleSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Names => [.. HostileRequests.All.Select(request => request.Name)];

    [Fact]
    public void The_corpus_holds_at_least_300_distinct_requests()
    {
        Assert.True(HostileRequests.All.Count >= 300, $"only {HostileRequests.All.Count} requests");
        Assert.Equal(HostileRequests.All.Count, HostileRequests.All.Select(request => request.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_request_gets_a_well_formed_answer_of_its_class_and_leaves_the_site_serving(string name)
    {
        var request = HostileRequests.All.Single(candidate => candidate.Name == name);
        var endPoint = Address();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));

        await using (var connection = await RawHttp.ConnectAsync(endPoint, deadline.Token))
        {
            if (request.ByteByByte)
            {
                foreach (var b in request.Bytes)
                {
                    try
                    {
                        await connection.SendAsync([b], deadline.Token);
                    }
                    catch (IOException) when (request.Expected == Answer.Refused)
                    {
                        // Kestrel refused what it has read so far and closed: its answer is still there to be read.
                        break;
                    }
                }
            }
            else
            {
                await connection.SendAsync(request.Bytes, deadline.Token);
            }

            for (var index = 0; index < request.Responses; index++)
            {
                var response = await connection.ReadResponseAsync(request.ToHead, deadline.Token);
                AssertHarmless(response, request.Expected);
                AssertOfClass(request, response);
                if (request.Expected is Answer.Refused or Answer.UnsupportedVersion || response.Header("Connection") == "close")
                    break;
            }
        }

        await AssertStillServingAsync(endPoint, deadline.Token);
    }

    private static void AssertOfClass(HostileRequest request, RawResponse response)
    {
        switch (request.Expected)
        {
            case Answer.Served:
                Assert.True(response.Status is >= 200 and < 300 or 304, $"expected 2xx or 304, got {response.StatusLine}");
                break;
            case Answer.Refused:
                Assert.True(response.Status is >= 400 and < 500, $"expected a 4xx, got {response.StatusLine}");
                break;
            case Answer.UnsupportedVersion:
                Assert.Equal(505, response.Status);
                break;
            case Answer.NoServerError:
                Assert.True(response.Status < 500, $"expected no 5xx, got {response.StatusLine}");
                break;
            case Answer.Exactly:
                Assert.True(request.Status == response.Status, $"expected {request.Status}, got {response.StatusLine}");
                break;
        }
    }

    /// <summary>Never a 5xx, a stack trace, a path of this machine or the content of a file.</summary>
    private static void AssertHarmless(RawResponse response, Answer expected)
    {
        Assert.True(response.Status < 500 || expected == Answer.UnsupportedVersion, $"a server error: {response.StatusLine}");
        var text = response.Text;
        foreach (var leak in Leaks)
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StackFrame(), text);
    }

    private static readonly string[] Leaks =
    [
        "Exception", "/work", "/root", "/home/", "/tmp/", RepositoryPaths.Root,
        "slug: lee-xi", "date: 2025-11-01",   // the article's front matter
        "\"Logging\"", "root:x:0:0", "This program cannot be run in DOS mode", "[core]",
    ];

    [GeneratedRegex(@"\n\s+at [\w.<>`]+\(", RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();

    private static async Task AssertStillServingAsync(IPEndPoint endPoint, CancellationToken cancel)
    {
        await using var connection = await RawHttp.ConnectAsync(endPoint, cancel);
        await connection.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", cancel);
        var response = await connection.ReadResponseAsync(toHead: false, cancel);
        Assert.Equal(200, response.Status);
        Assert.NotEmpty(response.Body);
    }

    private IPEndPoint Address()
    {
        site.StartServer();
        return RawHttp.EndPointOf(site.Services);
    }
}
