using System.Net;
using System.Text.Json;

namespace ArticleSite.Tests.Support;

/// <summary>What <c>/healthz</c> says in detail, read from its JSON: the operator's listener, or a site with <c>Metrics:PublicHealthDetail</c> (as ArticleSiteFactory starts it).</summary>
public sealed record Health(string Status, int Articles, string Watcher, string LeadSlug, string LeadETag, IReadOnlyList<(string Path, string Reason)> Problems)
{
    public static async Task<Health> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        var lead = root.GetProperty("lead");
        return new Health(
            root.GetProperty("status").GetString()!,
            root.GetProperty("articles").GetInt32(),
            root.GetProperty("watcher").GetString()!,
            lead.GetProperty("slug").GetString()!,
            lead.GetProperty("etag").GetString()!,
            [.. root.GetProperty("problems").EnumerateArray().Select(problem => (problem.GetProperty("path").GetString()!, problem.GetProperty("reason").GetString()!))]);
    }

    public override string ToString() =>
        $"{Status}, {Articles} article(s), {Watcher}, lead {LeadSlug}; problems: {string.Join("; ", Problems.Select(problem => $"{problem.Path}: {problem.Reason}"))}";
}
