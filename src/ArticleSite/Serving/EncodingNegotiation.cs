using ArticleSite.Rendering;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>Chooses a content coding from Accept-Encoding (RFC 9110 §12.5.3), with q-values, "identity" and "*".</summary>
internal static class EncodingNegotiation
{
    // Identity that the client neither names nor excludes is acceptable, but any coding it asks for is preferred.
    private const double ImplicitIdentity = 0.0001;

    /// <summary>
    /// The acceptable coding with the highest q-value, ties going to the smaller body (br, then gzip, then identity);
    /// identity when the header is absent or unreadable; null when the client excludes every coding, identity included.
    /// </summary>
    public static ContentCoding? Choose(string? acceptEncoding)
    {
        if (acceptEncoding is null || !StringWithQualityHeaderValue.TryParseList([acceptEncoding], out var codings))
            return ContentCoding.Identity;

        double? QualityOf(string name)
        {
            var listed = codings.FirstOrDefault(coding => coding.Value.Equals(name, StringComparison.OrdinalIgnoreCase));
            return listed is null ? null : listed.Quality ?? 1.0;
        }

        var any = QualityOf("*");
        var candidates = new (ContentCoding Coding, double Quality)[]
        {
            (ContentCoding.Brotli, QualityOf("br") ?? any ?? 0),
            (ContentCoding.Gzip, QualityOf("gzip") ?? QualityOf("x-gzip") ?? any ?? 0),
            (ContentCoding.Identity, QualityOf("identity") ?? any ?? ImplicitIdentity),
        };

        var best = candidates.MaxBy(candidate => candidate.Quality);
        return best.Quality > 0 ? best.Coding : null;
    }
}
