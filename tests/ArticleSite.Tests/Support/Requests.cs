using System.IO.Compression;

namespace ArticleSite.Tests.Support;

/// <summary>Short ways to send a request with a few raw headers and to read a body in any content coding.</summary>
public static class Requests
{
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, string path, params (string Name, string Value)[] headers) =>
        await client.SendAsync(HttpMethod.Get, path, headers);

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"header {name}");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static byte[] Decode(string? contentEncoding, byte[] body)
    {
        using Stream decoder = contentEncoding switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            null => new MemoryStream(body),
            _ => throw new InvalidOperationException($"unexpected Content-Encoding {contentEncoding}"),
        };
        using var decoded = new MemoryStream();
        decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    public static string? ContentEncoding(this HttpResponseMessage response) => response.Content.Headers.ContentEncoding.SingleOrDefault();

    public static string HeaderOf(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
