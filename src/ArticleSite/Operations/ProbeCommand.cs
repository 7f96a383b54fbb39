using System.Net.Sockets;
using System.Text;

namespace ArticleSite.Operations;

/// <summary>
/// <c>probe http://HOST:PORT/PATH</c> on the command line: exits 0 when the URL answers 2xx within 3 s, else 1. The
/// container image's health check, which has no shell or HTTP client of its own. One plain HTTP/1.0 request on a
/// socket: HttpClient would add its whole HTTP stack to the binary and load OpenSSL for its request ids.
/// </summary>
internal static class ProbeCommand
{
    public const string Verb = "probe";

    public static async Task<int> RunAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttp)
        {
            await Console.Error.WriteLineAsync($"{url}: not an http:// URL");
            return 2;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(target.Host, target.Port, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target.PathAndQuery} HTTP/1.0\r\nHost: {target.Authority}\r\n\r\n"), timeout.Token);
            var head = new byte[64];
            var read = 0;
            while (read < head.Length && await stream.ReadAsync(head.AsMemory(read), timeout.Token) is > 0 and var count)
                read += count;
            var statusLine = Encoding.ASCII.GetString(head, 0, read).Split("\r\n")[0];
            Console.WriteLine($"{url}: {statusLine}");
            return statusLine.Split(' ') is [_, [ '2', _, _ ], ..] ? 0 : 1;
        }
        catch (Exception failure) when (failure is SocketException or IOException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {failure.Message}");
            return 1;
        }
    }
}
