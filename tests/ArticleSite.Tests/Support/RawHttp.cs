using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ArticleSite.Tests.Support;

/// <summary>One HTTP/1.1 response as it came off the wire.</summary>
public sealed record RawResponse(string StatusLine, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Status line, headers and body as text, to search for things that must never leak.</summary>
    public string Text => $"{StatusLine}\n{string.Join("\n", Headers.Select(header => $"{header.Key}: {header.Value}"))}\n\n{Encoding.Latin1.GetString(Body)}";
}

/// <summary>A client that writes exact bytes to a socket and reads responses strictly, so malformed requests and malformed answers both show.</summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private RawHttp(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The address Kestrel listens on.</summary>
    public static IPEndPoint EndPointOf(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri(address);
        return new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
    }

    public static async Task<RawHttp> ConnectAsync(IPEndPoint endPoint, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancel);
            return new RawHttp(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(string request, CancellationToken cancel) => SendAsync(Encoding.Latin1.GetBytes(request), cancel);

    public ValueTask SendAsync(byte[] request, CancellationToken cancel) => stream.WriteAsync(request, cancel);

    /// <summary>Reads one response; throws <see cref="InvalidDataException"/> if it is not well-formed HTTP/1.1.</summary>
    public async Task<RawResponse> ReadResponseAsync(bool toHead, CancellationToken cancel)
    {
        var statusLine = await ReadLineAsync(cancel) ?? throw new InvalidDataException("the connection closed before a response");
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || parts[0] != "HTTP/1.1" || parts[1].Length != 3 || !int.TryParse(parts[1], out var status) || status < 100)
            throw new InvalidDataException($"not a status line: '{statusLine}'");

        var headers = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync(cancel) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new InvalidDataException($"not a header line: '{line}'");
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var response = new RawResponse(statusLine, status, headers, []);
        if (toHead || status is 204 or 304 || status < 200)
            return response;
        if (response.Header("Transfer-Encoding") is { } coding)
        {
            if (!coding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"unexpected Transfer-Encoding '{coding}'");
            return response with { Body = await ReadChunksAsync(cancel) };
        }
        if (response.Header("Content-Length") is { } length)
            return response with { Body = await ReadExactlyAsync(long.Parse(length, System.Globalization.CultureInfo.InvariantCulture), cancel) };
        throw new InvalidDataException("a response with neither Content-Length nor chunked framing");
    }

    /// <summary>True once the server has closed the connection, false if it is still open when <paramref name="deadline"/> passes.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan deadline, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(deadline);
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
                // A 408 or other last words before closing are fine; what matters is the close.
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<byte[]> ReadChunksAsync(CancellationToken cancel)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancel) ?? throw new InvalidDataException("the connection closed inside a chunked body");
            var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while (await ReadLineAsync(cancel) is { Length: > 0 })
                {
                    // trailers
                }
                return body.ToArray();
            }
            body.Write(await ReadExactlyAsync(size, cancel));
            if (await ReadLineAsync(cancel) is not "")
                throw new InvalidDataException("a chunk not followed by CRLF");
        }
    }

    private async Task<byte[]> ReadExactlyAsync(long count, CancellationToken cancel)
    {
        var bytes = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (start == end && !await FillAsync(cancel))
                throw new InvalidDataException($"the connection closed after {filled} of {count} body bytes");
            var take = (int)Math.Min(count - filled, end - start);
            Array.Copy(buffer, start, bytes, filled, take);
            start += take;
            filled += take;
        }
        return bytes;
    }

    /// <summary>A CRLF-terminated line without its CRLF, or null at the end of the stream.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        var line = new List<byte>();
        while (true)
        {
            if (start == end && !await FillAsync(cancel))
                return line.Count == 0 ? null : throw new InvalidDataException("the connection closed inside a line");
            var b = buffer[start++];
            if (b == '\n')
            {
                if (line.Count == 0 || line[^1] != '\r')
                    throw new InvalidDataException("a line ended by LF without CR");
                return Encoding.Latin1.GetString([.. line[..^1]]);
            }
            line.Add(b);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        start = 0;
        end = await stream.ReadAsync(buffer, cancel);
        return end > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        socket.Dispose();
    }
}
