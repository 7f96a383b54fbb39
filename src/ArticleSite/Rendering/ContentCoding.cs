namespace ArticleSite.Rendering;

/// <summary>The content codings every representation is stored in (RFC 9110 §8.4.1).</summary>
internal enum ContentCoding
{
    Identity,
    Brotli,
    Gzip,
}
