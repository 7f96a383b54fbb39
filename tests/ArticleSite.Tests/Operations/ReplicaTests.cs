using ArticleSite.Publishing;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ArticleSite.Tests;

/// <summary>
/// Two replicas serving their own checkouts of the same content answer alike, so that a CDN or proxy cache in front of
/// both revalidates one's copy against the other: every response depends on the content's bytes and the
/// configuration only, never on file times, the folder's path or the order files were written in.
/// </summary>
public sealed class ReplicaTests
{
    private const string BaseUrl = "https://news.example.org";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_replicas_of_one_content_folder_answer_every_URL_in_every_coding_with_the_same_status_headers_and_bytes()
    {
        using var first = CheckOut(newestFirst: false, fileTime: new DateTime(2025, 11, 2, 0, 0, 0, DateTimeKind.Utc));
        using var second = CheckOut(newestFirst: true, fileTime: new DateTime(2030, 6, 1, 12, 34, 56, DateTimeKind.Utc));
        await using var one = new ArticleSiteFactory { ContentFolder = first.Path, BaseUrl = BaseUrl };
        await using var other = new ArticleSiteFactory { ContentFolder = second.Path, BaseUrl = BaseUrl };
        var (oneClient, otherClient) = (one.CreateRawClient(), other.CreateRawClient());

        var paths = (await one.Services.GetRequiredService<SitePublisher>().Current.ForOriginAsync(BaseUrl)).Paths.Order(StringComparer.Ordinal).ToList();
        Assert.Contains("/articles/jekyll-4-0-0-released", paths);

        var compared = 0;
        foreach (var path in paths)
        {
            foreach (var accept in new[] { "text/html", "text/plain", "application/json" })
            {
                foreach (var coding in new[] { "identity", "br", "gzip" })
                {
                    (string, string)[] headers = [("Accept", accept), ("Accept-Encoding", coding)];
                    using var fromOne = await oneClient.SendAsync(path, headers);
                    using var fromOther = await otherClient.SendAsync(path, headers);
                    Assert.Equal(Describe(fromOne), Describe(fromOther));
                    Assert.Equal(await fromOne.Content.ReadAsByteArrayAsync(Cancel), await fromOther.Content.ReadAsByteArrayAsync(Cancel));
                    compared++;
                }
            }
        }
        Assert.Equal(paths.Count * 9, compared);
    }

    /// <summary>
    /// A copy of the repository's article and three of Jekyll's release posts (one in a subfolder), written in one order
    /// or the other, all with one file time, in a folder of its own.
    /// </summary>
    private static TemporaryContentFolder CheckOut(bool newestFirst, DateTime fileTime)
    {
        var content = new TemporaryContentFolder();
        var jekyll = Path.Combine(AppContext.BaseDirectory, "Fixtures", "jekyll-posts");
        var sources = new[]
        {
            (Path.Combine(RepositoryPaths.Content, "lee-xi-gyeongju-summit.md"), "lee-xi-gyeongju-summit.md"),
            (Path.Combine(jekyll, "2019-08-19-jekyll-4-0-0-released.markdown"), "2019-08-19-jekyll-4-0-0-released.markdown"),
            (Path.Combine(jekyll, "2016-10-06-jekyll-3-3-is-here.md"), "releases/2016-10-06-jekyll-3-3-is-here.md"),
            (Path.Combine(jekyll, "2013-05-06-jekyll-1-0-0-released.markdown"), "releases/2013-05-06-jekyll-1-0-0-released.markdown"),
        };
        foreach (var (source, target) in newestFirst ? sources.Reverse() : sources)
        {
            var file = Path.Combine(content.Path, target);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(source, file);
            File.SetLastWriteTimeUtc(file, fileTime);
        }
        return content;
    }

    /// <summary>The status and every header but Date, which says when the response was made.</summary>
    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}\n" + string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key != "Date")
            .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}"));
}
