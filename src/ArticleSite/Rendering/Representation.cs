using System.Text;

namespace ArticleSite.Rendering;

/// <summary>
/// One rendered form of a resource: its media type and its bytes in every content coding. Each coding is compressed
/// once, on the first request that asks for it, and kept with the identity bytes: most representations are never asked
/// for in most codings.
/// Compression runs on the thread pool: requests are served on the socket threads, which must never wait for Brotli.
/// </summary>
internal sealed class Representation
{
    private readonly Lazy<Task<EncodedBody>> brotli;

    private readonly Lazy<Task<EncodedBody>> gzip;

    public Representation(string contentType, byte[] body)
        : this(contentType, body, fastest: false)
    {
    }

    private Representation(string contentType, byte[] body, bool fastest)
    {
        ContentType = contentType;
        MediaType = contentType.Split(';')[0].Trim();
        Identity = new EncodedBody(MediaType, ContentCoding.Identity, body);
        var mediaType = MediaType;
        brotli = new(() => Task.Run(() => new EncodedBody(mediaType, ContentCoding.Brotli, fastest ? Compression.BrotliFastest(body) : Compression.Brotli(body))));
        gzip = new(() => Task.Run(() => new EncodedBody(mediaType, ContentCoding.Gzip, fastest ? Compression.GzipFastest(body) : Compression.Gzip(body))));
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
            if (brotli.IsValueCreated)
                yield return ContentCoding.Brotli;
            if (gzip.IsValueCreated)
                yield return ContentCoding.Gzip;
        }
    }

    /// <summary>Compresses this representation now in each coding <paramref name="other"/> was asked for.</summary>
    public async Task CompressLikeAsync(Representation other)
    {
        foreach (var coding in other.CompressedCodings)
            await InAsync(coding);
    }

    public ValueTask<EncodedBody> InAsync(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => new(brotli.Value),
        ContentCoding.Gzip => new(gzip.Value),
        _ => new(Identity),
    };

    public static Representation FromText(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// A representation made for one answer, not kept for the next request (a search's results): each request compresses
    /// its own, so at the fastest settings (<see cref="Compression.BrotliFastest"/>).
    /// </summary>
    public static Representation ForOneAnswer(string contentType, byte[] body) => new(contentType, body, fastest: true);
}
