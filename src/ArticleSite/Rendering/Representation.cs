using System.Text;

namespace ArticleSite.Rendering;

/// <summary>One rendered form of a resource: its media type and its bytes in every content coding, compressed once.</summary>
public sealed class Representation
{
    public Representation(string contentType, byte[] body)
    {
        ContentType = contentType;
        MediaType = contentType.Split(';')[0].Trim();
        Identity = new EncodedBody(MediaType, ContentCoding.Identity, body);
        Brotli = new EncodedBody(MediaType, ContentCoding.Brotli, Compression.Brotli(body));
        Gzip = new EncodedBody(MediaType, ContentCoding.Gzip, Compression.Gzip(body));
    }

    /// <summary>The Content-Type header value, e.g. "text/plain; charset=utf-8".</summary>
    public string ContentType { get; }

    /// <summary>The media type without parameters, e.g. "text/plain": what Accept is matched against.</summary>
    public string MediaType { get; }

    public EncodedBody Identity { get; }

    public EncodedBody Brotli { get; }

    public EncodedBody Gzip { get; }

    /// <summary>The identity bytes.</summary>
    public byte[] Body => Identity.Bytes;

    /// <summary>The ETag of the identity bytes.</summary>
    public string ETag => Identity.ETag;

    public EncodedBody In(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => Brotli,
        ContentCoding.Gzip => Gzip,
        _ => Identity,
    };

    public static Representation FromText(string contentType, string text) => new(contentType, Encoding.UTF8.GetBytes(text));
}
