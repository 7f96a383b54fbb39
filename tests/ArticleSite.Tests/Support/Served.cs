using System.Net;

namespace ArticleSite.Tests.Support;

/// <summary>What a reader is answered at a path, and waiting until a change the site publishes on its own is answered.</summary>
internal static class Served
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The status a GET of <paramref name="path"/> is answered with.</summary>
    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return response.StatusCode;
    }

    /// <summary>Asks for <paramref name="path"/> until it is answered with <paramref name="expected"/>.</summary>
    public static Task<HttpStatusCode> UntilStatusAsync(this HttpClient client, string path, HttpStatusCode expected, string expectation) =>
        Eventually.GetAsync(() => client.StatusOfAsync(path), status => status == expected, expectation);

    /// <summary>Asks for <paramref name="path"/> until its text is <paramref name="expected"/>, to the letter.</summary>
    public static Task<string> UntilTextAsync(this HttpClient client, string path, string expected, string expectation) =>
        Eventually.GetAsync(() => client.GetStringAsync(path, Cancel), text => text == expected, expectation);
}
