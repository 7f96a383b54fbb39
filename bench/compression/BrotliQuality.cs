// What each Brotli quality (and gzip level) costs and saves on the bodies the site serves: for each file given, the
// compressed size and the fastest of 15 runs of each, beside gzip at the level the site uses. Save the bodies first,
// e.g. from a running site: curl -s http://127.0.0.1:5080/ -o /tmp/page.html (and /article.txt, /article.json).
// Usage: dotnet run bench/compression/BrotliQuality.cs -- FILE...
using System.Diagnostics;
using System.IO.Compression;

Console.WriteLine($"Load average at start: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");
Console.WriteLine("| Body | Bytes | Coding | Compressed bytes | Fastest of 15 (ms) |");
Console.WriteLine("| --- | ---: | --- | ---: | ---: |");
foreach (var file in args)
{
    var body = File.ReadAllBytes(file);
    foreach (var quality in new[] { 4, 5, 6, 8, 10, 11 })
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        var written = 0;
        var fastest = FastestOf(() => BrotliEncoder.TryCompress(body, output, out written, quality, 22));
        Console.WriteLine($"| {Path.GetFileName(file)} | {body.Length} | br {quality} | {written} | {fastest:F2} |");
    }
    var gzipped = 0L;
    var gzipTime = FastestOf(() =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
            gzip.Write(body);
        gzipped = compressed.ToArray().Length;
    });
    Console.WriteLine($"| {Path.GetFileName(file)} | {body.Length} | gzip smallest | {gzipped} | {gzipTime:F2} |");
}

static double FastestOf(Action action)
{
    var fastest = double.MaxValue;
    for (var run = 0; run < 15; run++)
    {
        var clock = Stopwatch.StartNew();
        action();
        fastest = Math.Min(fastest, clock.Elapsed.TotalMilliseconds);
    }
    return fastest;
}
