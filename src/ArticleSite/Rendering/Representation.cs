using System.Text;
using ArticleSite.Operations;

namespace ArticleSite.Rendering;

/// <summary>
/// One rendered form of a resource: its media type and its bytes in every content coding. Each coding is compressed
/// once, on the first request that asks for it, and kept with the identity bytes: most representations are never asked
/// for in most codings.
/// Compression runs on the thread pool: requests are served on the socket threads, which must never wait for Brotli.
/// </summary>
internal sealed class Representation
{
    private readonly Lock gate = new();

    private readonly bool fastest;

    private Task<EncodedBody>? brotli;

    private Task<EncodedBody>? gzip;

    public Representation(string contentType, byte[] body)
        : this(contentType, body, fastest: false)
    {
    }

    private Representation(string contentType, byte[] body, bool fastest)
    {
        ContentType = contentType;
        MediaType = contentType.Split(';')[0].Trim();
        Identity = new EncodedBody(MediaType, ContentCoding.Identity, body);
        this.fastest = fastest;
    }

    /// <summary>The Content-Type header value, e.g. "text/plain; charset=utf-8".</summary>
    public string ContentType { get; }

    /// <summary>The media type without parameters, e.g. "text/plain": what Accept is matched against.</summary>
    public string MediaType { get; }

    public EncodedBody Identity { get; }

    /// <summary>The identity bytes.</summary>
    public byte[] Body => Identity.Bytes;

    /// <summary>The ETag of the identity bytes.</summary>
    public string ETag => Identity.ETag;

    /// <summary>The codings asked for so far, besides identity.</summary>
    public IEnumerable<ContentCoding> CompressedCodings
    {
        get
        {
            if (Volatile.Read(ref brotli) is not null)
                yield return ContentCoding.Brotli;
            if (Volatile.Read(ref gzip) is not null)
                yield return ContentCoding.Gzip;
        }
    }

    /// <summary>Compresses this representation now in each coding <paramref name="other"/> was asked for.</summary>
    public async Task CompressLikeAsync(Representation other, SiteMetrics metrics)
    {
        foreach (var coding in other.CompressedCodings)
            await InAsync(coding, metrics);
    }

    /// <param name="metrics">Where a compression made for this call is counted.</param>
    public ValueTask<EncodedBody> InAsync(ContentCoding coding, SiteMetrics metrics) => coding switch
    {
        ContentCoding.Brotli => new(Volatile.Read(ref brotli) ?? Compress(ref brotli, coding, metrics)),
        ContentCoding.Gzip => new(Volatile.Read(ref gzip) ?? Compress(ref gzip, coding, metrics)),
        _ => new(Identity),
    };

    /// <summary>Starts compressing in <paramref name="coding"/> unless another request already did.</summary>
    private Task<EncodedBody> Compress(ref Task<EncodedBody>? kept, ContentCoding coding, SiteMetrics metrics)
    {
        lock (gate)
        {
            if (kept is { } made)
                return made;
            var (mediaType, body, fastest) = (MediaType, Identity.Bytes, this.fastest);
            var making = Task.Run(() => new EncodedBody(mediaType, coding, Compressed(body, coding, fastest)));
            metrics.Compressed(coding == ContentCoding.Brotli ? "br" : "gzip");
            Volatile.Write(ref kept, making);
            return making;
        }
    }

    private static byte[] Compressed(byte[] body, ContentCoding coding, bool fastest) => (coding, fastest) switch
    {
        (ContentCoding.Brotli, false) => Compression.Brotli(body),
        (ContentCoding.Brotli, true) => Compression.BrotliFastest(body),
        (_, false) => Compression.Gzip(body),
        (_, true) => Compression.GzipFastest(body),
    };

    public static Representation FromText(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// A representation made for one answer, not kept for the next request (a search's results): each request compresses
    /// its own, so at the fastest settings (<see cref="Compression.BrotliFastest"/>).
    /// </summary>
    public static Representation ForOneAnswer(string contentType, byte[] body) => new(contentType, body, fastest: true);
}
