using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>Proactive negotiation on Accept (RFC 9110 §12.5.1): which of the offered media types a client prefers.</summary>
internal static class MediaTypeNegotiation
{
    /// <summary>
    /// The index of the offered media type (parameterless, e.g. "text/plain") with the highest q-value, ties going to the
    /// earlier offer; the first offer when Accept is absent or unreadable; -1 when the client accepts none of them.
    /// </summary>
    public static int Choose(string? accept, IReadOnlyList<string> offered)
    {
        if (string.IsNullOrWhiteSpace(accept) || !MediaTypeHeaderValue.TryParseList([accept], out var ranges) || ranges.Count == 0)
            return 0;

        var best = -1;
        var bestQuality = 0.0;
        for (var index = 0; index < offered.Count; index++)
        {
            var quality = QualityOf(offered[index], ranges);
            if (quality > bestQuality)
                (best, bestQuality) = (index, quality);
        }
        return best;
    }

    /// <summary>The q-value of the most specific range that matches: "text/plain" over "text/*" over "*/*".</summary>
    private static double QualityOf(string mediaType, IList<MediaTypeHeaderValue> ranges)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var type = mediaType[..slash];
        var specificity = -1;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            var rangeSpecificity =
                range.MatchesAllTypes ? 0
                : range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.MatchesAllSubTypes ? 1
                : range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (rangeSpecificity > specificity)
                (specificity, quality) = (rangeSpecificity, range.Quality ?? 1.0);
        }
        return quality;
    }
}
