using System.Text;

namespace ArticleSite.Tests;

/// <summary>What a hostile request may get back.</summary>
public enum Answer
{
    /// <summary>2xx or 304: the request is odd but valid, and the site serves it.</summary>
    Served,

    /// <summary>A 4xx: the request is refused as the client's fault.</summary>
    Refused,

    /// <summary>
    /// 505 HTTP Version Not Supported: Kestrel's answer, before the app sees the request, to a version it does not speak,
    /// as RFC 9110 §15.6.6 prescribes. The one 5xx the corpus accepts, because it is about the client's request.
    /// </summary>
    UnsupportedVersion,

    /// <summary>Whatever the site decides, as long as it is not a 5xx: for requests whose answer docs/http.md does not define.</summary>
    NoServerError,

    /// <summary>Exactly the status docs/http.md defines for it (<see cref="HostileRequest.Status"/>).</summary>
    Exactly,
}

/// <summary>One hostile request: the exact bytes, how many responses they ask for, and the class of answer they deserve.</summary>
public sealed record HostileRequest(string Name, byte[] Bytes, Answer Expected, int Responses = 1, bool ByteByByte = false, int Status = 0)
{
    public bool ToHead => Encoding.Latin1.GetString(Bytes).StartsWith("HEAD ", StringComparison.Ordinal);
}

/// <summary>The corpus of malformed and hostile requests, generated from the tables below.</summary>
public static class HostileRequests
{
    private const string Host = "Host: localhost\r\n";

    /// <summary>Request lines that are not HTTP/1.1 request lines.</summary>
    private static readonly string[] BadRequestLines =
    [
        "GET\r\n", "GET /\r\n", "GET / HTTP/1.1 extra\r\n", "GET  / HTTP/1.1\r\n", " GET / HTTP/1.1\r\n",
        "/ HTTP/1.1\r\n", "GET / HTTP/1\r\n", "GET / HTTP/3\r\n", "GET / HTTP/1.1.1\r\n",
        "GET\t/\tHTTP/1.1\r\n", "GET / HTTP/1.1\r\r\n", "GET / HTTP/1.1\r\n\r\n\0", "GET ?x HTTP/1.1\r\n",
        "GET * HTTP/1.1\r\n", "GET example.com HTTP/1.1\r\n",
        "GET /\u0001 HTTP/1.1\r\n", "GET /\u007f HTTP/1.1\r\n", "GET /a b HTTP/1.1\r\n", "GET / HTTP/1.1 \r\n",
    ];

    private static readonly string[] KnownOtherMethods = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK", "FOO", "BREW"];

    /// <summary>Versions Kestrel does not speak.</summary>
    private static readonly string[] UnsupportedVersions = ["HTTP/9.9", "HTTP/2.0", "http/1.1", "HTTX/1.1", "HTTP/0.9"];

    private static readonly string[] InvalidMethods = ["G ET", "GET\0", "GE(T", "G\"ET", "GET,", "G{ET}", "GET@", "\u00e9GET", "GET\u0080", new string('G', 5000)];

    /// <summary>Ways to reach past the rendered table: files of the repository, traversal in every encoding.</summary>
    public static readonly string[] TraversalTargets =
    [
        "/../content/lee-xi-gyeongju-summit.md", "/content/lee-xi-gyeongju-summit.md", "/lee-xi-gyeongju-summit.md", "/content/",
        "/appsettings.json", "/ArticleSite.dll", "/ArticleSite.deps.json", "/ArticleSite.runtimeconfig.json", "/web.config", "/.git/config", "/.env",
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/..%2F..%2Fetc%2Fpasswd",
        "/..%5c..%5cetc%5cpasswd", "/..\\..\\etc\\passwd", "/%252e%252e/%252e%252e/etc/passwd", "/%252e%252e%252fetc%252fpasswd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%c0%af..%c0%afetc%c0%afpasswd", "/%e0%80%ae%e0%80%ae/etc/passwd", "/..%c1%9c..%c1%9cetc/passwd",
        "/article.txt%00", "/article.txt%00.md", "/%00", "/..;/content/lee-xi-gyeongju-summit.md", "/article.txt;/../content/x.md", "/.;/appsettings.json",
        "/etc/passwd", "//etc/passwd", "///etc/passwd", "/./content/../appsettings.json", "/content/./lee-xi-gyeongju-summit.md",
        "/content%2flee-xi-gyeongju-summit.md", "/content%5clee-xi-gyeongju-summit.md", "/src/ArticleSite/Program.cs", "/proc/self/environ",
        "/%2e/%2e/%2e/appsettings.json", "/.%2e/appsettings.json", "/%2e./appsettings.json", "/....//....//etc/passwd", "/article.txt/", "/ARTICLE.TXT", "/article.TXT", "/article.txt.md", "/content/article.md", "/index.html", "/lee-xi-gyeongju-summit",
        "http://localhost/../appsettings.json", "http://evil.example/../../etc/passwd", "/C:/Windows/win.ini", "/C:\\Windows\\win.ini", "/~root/.bashrc",
    ];

    /// <summary>Percent-encoding and UTF-8 that do not decode, in paths and in queries.</summary>
    private static readonly string[] BadEncodingPaths = ["/%", "/%%", "/%zz", "/%e", "/%4", "/%c0", "/%ff%fe", "/%ed%a0%80", "/%f8%88%80%80%80", "/%c3%28", "/%e2%28%a1", "/%f0%28%8c%28", "/\u00ff\u00fe", "/\u00c0\u00af", "/%u002e%u002e/", "/%%32%65"];

    private static readonly string[] BadEncodingQueries = ["?q=%", "?q=%zz", "?%ff", "?q=%c0%af", "?q=%ed%a0%80", "?%00", "?q=" + new string('a', 3000), "?a&a&a&a&a&a&a&a", "?q=%%%", "?q=\u00ff"];

    /// <summary>Accept values on <c>/</c> and their status: 406 when no offered type is acceptable (<c>*/html</c> names a type "*", not a wildcard); an unreadable header gets the page.</summary>
    private static readonly (string Accept, int Status)[] AbsurdAccepts =
    [
        ("", 200), ("*/*;q=2", 200), ("text/html;q=-1", 200), ("text/html;q=NaN", 200), ("text/html;q=1e9", 200), ("text/*;q=0.5, */*;q=0", 200),
        ("*/*;q=0", 406), ("text/plain;q=0.001", 200), (";;;,,,", 200), ("text", 200), ("/", 200), ("text/", 200), ("*/html", 406),
        ("text/html;" + new string('a', 4000), 200), (string.Join(",", Enumerable.Repeat("text/plain", 500)), 200), ("application/json", 200),
        ("image/png", 406), ("\u00ff/\u00ff", 400), ("text/plain, text/html;q=0.9, image/*;q=0.8, */*;q=0.1", 200),
        ("text/html;level=1;q=0.4;charset=\"x\"", 200), ("text/plain;q=\"1\"", 200),
    ];

    /// <summary>Accept-Encoding values on <c>/</c> and their status: 406 only when every coding, identity included, is excluded.</summary>
    private static readonly (string AcceptEncoding, int Status)[] AbsurdAcceptEncodings =
    [
        ("", 200), ("*", 200), ("*;q=0", 406), ("identity;q=0", 406), ("identity;q=0, *;q=0", 406), ("br;q=2", 200), ("gzip;q=-1", 200),
        ("br, gzip, deflate, zstd, compress", 200), ("gzip;q=NaN", 200), (",,,,", 200), ("x-unknown", 200), ("BR", 200), ("GZIP;Q=1", 200),
        (string.Join(",", Enumerable.Repeat("gzip", 500)), 200), ("br;q=0.5;q=1", 200), ("\u00ff", 400), ("gzip;" + new string('x', 4000), 200),
    ];

    /// <summary>
    /// Range values on <c>/</c> and their status: 206 for one satisfiable range, 416 for one that starts past the end (or a
    /// zero-length suffix), 200 for several ranges or a Range that cannot be read (reversed, negative, overflowing, another unit).
    /// </summary>
    private static readonly (string Range, int Status)[] AbsurdRanges =
    [
        ("bytes=0-0", 206), ("bytes=0-", 206), ("bytes=-1", 206), ("bytes=-0", 416), ("bytes=5-1", 200), ("bytes=-5-1", 200), ("bytes=999999999-", 416),
        ("bytes=0-999999999999999999999", 200), ("bytes=0-1,0-1,0-1,0-1", 200), ("bytes=0-10,5-15,10-20", 200),
        ("bytes=" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{i}-{i}")), 200), ("bytes=" + string.Join(",", Enumerable.Repeat("0-", 200)), 200),
        ("bytes=1-0", 200), ("bytes=a-b", 200), ("bytes=", 200), ("bytes", 200), ("items=0-1", 200), ("bytes=0-1;", 200), ("bytes=--1", 200),
        ("bytes=0x0-0x10", 200), ("bytes = 0-1", 206), ("BYTES=0-1", 206), ("bytes=-9223372036854775808", 200), ("bytes=18446744073709551616-", 200),
    ];

    private static readonly string[] AbsurdIfNoneMatch =
    [
        "", "*", "\"\"", "W/\"\"", "\"x\"", "W/\"x\"", "x", "\"unterminated", "W/", "*, \"x\"", ",,,", "\"a\", \"b\", \"c\"",
        string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"\"{i}\"")), "\"" + new string('a', 8000) + "\"", "\"\u00ff\"", "W/W/\"x\"", "\"x\"\"y\"",
        "\"\\\"\"", "w/\"x\"", "**", "\"x\" \"y\"",
    ];

    private static readonly string[] AbsurdIfModifiedSince =
    [
        "", "yesterday", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Fri, 31 Dec 9999 23:59:59 GMT",
        "Mon, 01 Jan 0001 00:00:00 GMT", "Thu, 31 Feb 2025 00:00:00 GMT", "-1", "0", "99999999999999999999", "\u00ff", new string('x', 4000),
    ];

    /// <summary>Hosts the site does not answer for, some of which once made invalid URLs: each gets 400, never a page naming it.</summary>
    private static readonly string[] OtherHosts =
    [
        "evil.example", "WWW.Example.ORG", "evil.example:99999", "localhost:99999", "localhost:0", "localhost:", "127.0.0.1:65536",
        "a(b)", "a!b", "a..b", new string('a', 300), "localhost.evil.example", "127.0.0.2", "[::2]",
    ];

    public static IReadOnlyList<HostileRequest> All { get; } = Build();

    private static List<HostileRequest> Build()
    {
        var corpus = new List<HostileRequest>();
        void Add(string name, string request, Answer expected, int responses = 1, bool byteByByte = false) =>
            corpus.Add(new(name, Encoding.Latin1.GetBytes(request), expected, responses, byteByByte));
        void AddExactly(string name, string request, int status) =>
            corpus.Add(new(name, Encoding.Latin1.GetBytes(request), Answer.Exactly, Status: status));
        static string Get(string target, string headers = "") => $"GET {target} HTTP/1.1\r\n{Host}{headers}\r\n";

        foreach (var line in BadRequestLines)
            Add($"request line {Visible(line)}", line + Host + "\r\n", Answer.Refused);
        foreach (var method in KnownOtherMethods)
            Add($"method {method}", $"{method} / HTTP/1.1\r\n{Host}\r\n", Answer.Refused);
        foreach (var version in UnsupportedVersions)
            Add($"version {version}", $"GET / {version}\r\n{Host}\r\n", Answer.UnsupportedVersion);
        // Tolerated by Kestrel, and harmless here: RFC 9112 §2.2 lets a server accept a bare LF, dot segments are removed
        // before the lookup, and stray spaces are skipped.
        Add("a request line ended by a bare LF", $"GET / HTTP/1.1\n{Host}\r\n", Answer.NoServerError);
        // Methods are case-sensitive (RFC 9110 §9.1): "get" is not GET, though routing would match it as GET.
        AddExactly("method get in lower case", $"get / HTTP/1.1\r\n{Host}\r\n", 405);
        AddExactly("method Get in mixed case", $"Get /article.txt HTTP/1.1\r\n{Host}\r\n", 405);
        AddExactly("method head in lower case", $"head /article.txt HTTP/1.1\r\n{Host}\r\n", 405);
        Add("a dot segment back to the page", Get("/article.txt/.."), Answer.Served);
        Add("two spaces before the version", $"GET /  HTTP/1.1\r\n{Host}\r\n", Answer.NoServerError);
        Add("no space before the version", $"GET //HTTP/1.1\r\n{Host}\r\n", Answer.NoServerError);
        foreach (var method in InvalidMethods)
            Add($"invalid method {Visible(method)}", $"{method} / HTTP/1.1\r\n{Host}\r\n", Answer.Refused);
        Add("CONNECT to an authority", $"CONNECT localhost:443 HTTP/1.1\r\n{Host}\r\n", Answer.Refused);
        Add("OPTIONS *", $"OPTIONS * HTTP/1.1\r\n{Host}\r\n", Answer.Refused);

        foreach (var target in TraversalTargets)
        {
            Add($"GET {target}", Get(target), Answer.Refused);
            Add($"HEAD {target}", $"HEAD {target} HTTP/1.1\r\n{Host}\r\n", Answer.Refused);
            Add($"GET {target} as text", Get(target, "Accept: text/plain\r\n"), Answer.Refused);
        }

        foreach (var path in BadEncodingPaths)
            Add($"path {Visible(path)}", Get(path), Answer.Refused);
        foreach (var query in BadEncodingQueries)
            Add($"query {Visible(query)}", Get("/" + query), Answer.NoServerError);

        Add("a request line over the limit", Get("/" + new string('a', 10_000)), Answer.Refused);
        Add("a header over the limit", Get("/", $"X-Big: {new string('a', 20_000)}\r\n"), Answer.Refused);
        Add("headers over the total limit", Get("/", string.Concat(Enumerable.Range(0, 40).Select(i => $"X-H{i}: {new string('a', 500)}\r\n"))), Answer.Refused);
        Add("more headers than the count limit", Get("/", string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: a\r\n"))), Answer.Refused);
        Add("one header repeated past the count limit", Get("/", string.Concat(Enumerable.Repeat("Accept: text/html\r\n", 200))), Answer.Refused);
        Add("a header repeated a few times", Get("/", string.Concat(Enumerable.Repeat("Accept: text/html\r\n", 5))), Answer.Served);
        Add("a header name of 8 KB", Get("/", $"{new string('X', 8000)}: a\r\n"), Answer.Served);
        Add("a header name over the total limit", Get("/", $"{new string('X', 17_000)}: a\r\n"), Answer.Refused);
        Add("a header line without a colon", Get("/", "NoColonHere\r\n"), Answer.Refused);
        Add("a header name with a space", Get("/", "Bad Name: a\r\n"), Answer.Refused);
        Add("a space before the colon", Get("/", "Accept : text/html\r\n"), Answer.Refused);
        Add("an obsolete folded header", Get("/", "X-A: a\r\n  folded\r\n"), Answer.Refused);
        Add("a NUL in a header value", Get("/", "X-A: a\0b\r\n"), Answer.Refused);
        Add("a bare CR in a header value", Get("/", "X-A: a\rb\r\n"), Answer.Refused);
        Add("an empty header name", Get("/", ": a\r\n"), Answer.Refused);
        Add("two Content-Length headers", Get("/", "Content-Length: 0\r\nContent-Length: 5\r\n"), Answer.Refused);
        Add("Content-Length and Transfer-Encoding", Get("/", "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n", Answer.Refused);
        Add("a negative Content-Length", Get("/", "Content-Length: -1\r\n"), Answer.Refused);
        Add("an unknown Transfer-Encoding", Get("/", "Transfer-Encoding: gzip\r\n"), Answer.Refused);
        Add("a GET with a body", Get("/", "Content-Length: 5\r\n") + "hello", Answer.Refused);
        Add("a HEAD with a body", $"HEAD / HTTP/1.1\r\n{Host}Content-Length: 5\r\n\r\nhello", Answer.Refused);
        Add("a GET with a chunked body", Get("/", "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n", Answer.Refused);
        Add("a GET with a declared but huge body", Get("/", "Content-Length: 1000000000\r\n"), Answer.Refused);
        Add("a POST with a body", $"POST / HTTP/1.1\r\n{Host}Content-Length: 5\r\n\r\nhello", Answer.Refused);
        Add("Expect: 100-continue", Get("/", "Content-Length: 5\r\nExpect: 100-continue\r\n"), Answer.Refused);
        Add("an Upgrade to WebSocket", Get("/", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"), Answer.NoServerError);
        Add("an Upgrade to h2c", Get("/", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"), Answer.Served);

        // Without Site:BaseUrl, as here, the site names the loopback host it is asked by: a request without one gets 400.
        AddExactly("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", 400);
        AddExactly("HTTP/1.0 keep-alive without Host", "GET /article.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 400);
        Add("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", Answer.Refused);
        Add("two Host headers", Get("/", "Host: evil.example\r\n"), Answer.Refused);
        Add("a Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", Answer.Refused);
        Add("a Host with a path", "GET / HTTP/1.1\r\nHost: localhost/evil\r\n\r\n", Answer.Refused);
        Add("a Host with a user", "GET / HTTP/1.1\r\nHost: user@localhost\r\n\r\n", Answer.Refused);
        AddExactly("a Host with a bad port", "GET / HTTP/1.1\r\nHost: localhost:99999999\r\n\r\n", 400);
        AddExactly("an empty Host", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 400);
        foreach (var host in OtherHosts)
            AddExactly($"Host {Visible(host)} on the feed", $"GET /feed.atom HTTP/1.1\r\nHost: {host}\r\n\r\n", 400);
        Add("an absolute URI with another Host", "GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n", Answer.NoServerError);
        AddExactly("a Host of 4 KB", $"GET / HTTP/1.1\r\nHost: {new string('a', 4000)}.example\r\n\r\n", 400);
        Add("a Host with Unicode", "GET / HTTP/1.1\r\nHost: \u00e9xample.com\r\n\r\n", Answer.NoServerError);

        foreach (var (accept, status) in AbsurdAccepts)
            AddExactly($"Accept {Visible(accept)}", Get("/", $"Accept: {accept}\r\n"), status);
        foreach (var (encoding, status) in AbsurdAcceptEncodings)
            AddExactly($"Accept-Encoding {Visible(encoding)}", Get("/", $"Accept-Encoding: {encoding}\r\n"), status);
        foreach (var (range, status) in AbsurdRanges)
        {
            AddExactly($"Range {Visible(range)}", Get("/", $"Range: {range}\r\n"), status);
            // An If-Range that does not match the current ETag asks for the whole body, whatever the Range.
            AddExactly($"Range {Visible(range)} on text with If-Range", Get("/article.txt", $"Range: {range}\r\nIf-Range: \"x\"\r\n"), 200);
        }
        foreach (var tag in AbsurdIfNoneMatch)
            Add($"If-None-Match {Visible(tag)}", Get("/", $"If-None-Match: {tag}\r\n"), ServedIfAscii(tag));
        foreach (var date in AbsurdIfModifiedSince)
            Add($"If-Modified-Since {Visible(date)}", Get("/article.txt", $"If-Modified-Since: {date}\r\n"), ServedIfAscii(date));

        Add("two pipelined requests", Get("/") + Get("/article.txt"), Answer.Served, responses: 2);
        Add("ten pipelined requests", string.Concat(Enumerable.Repeat(Get("/article.txt"), 10)), Answer.Served, responses: 10);
        Add("pipelined GET, compressed and conditional", Get("/") + Get("/article.txt", "Accept-Encoding: gzip\r\n") + Get("/", "If-None-Match: *\r\n"), Answer.Served, responses: 3);
        Add("a pipelined 404 between two pages", Get("/") + Get("/nothing-here") + Get("/"), Answer.NoServerError, responses: 3);
        Add("a normal request split byte by byte", Get("/"), Answer.Served, byteByByte: true);
        Add("a text request split byte by byte", Get("/article.txt", "Accept: text/plain\r\nAccept-Encoding: gzip\r\n"), Answer.Served, byteByByte: true);
        Add("a traversal split byte by byte", Get("/%2e%2e/%2e%2e/etc/passwd"), Answer.Refused, byteByByte: true);
        Add("a bad request line split byte by byte", "GET / HTTP/1.1 extra\r\n" + Host + "\r\n", Answer.Refused, byteByByte: true);
        Add("two pipelined requests split byte by byte", Get("/") + Get("/article.txt"), Answer.Served, responses: 2, byteByByte: true);

        return corpus;
    }

    /// <summary>Kestrel refuses header values outside ASCII with 400; any other value of a conditional header still gets the page.</summary>
    private static Answer ServedIfAscii(string value) => value.All(char.IsAscii) ? Answer.Served : Answer.Refused;

    /// <summary>A readable, bounded name for a test case whatever bytes it holds.</summary>
    private static string Visible(string text)
    {
        var shown = string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\x{(int)c:x2}" : c.ToString()));
        return shown.Length > 60 ? $"{shown[..50]}…({text.Length} chars)" : $"'{shown}'";
    }
}
