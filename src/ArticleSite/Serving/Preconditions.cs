using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>The conditional GET of RFC 9110 §13: whether the client's copy is current, so a 304 answers it.</summary>
public static class Preconditions
{
    /// <summary>
    /// True when If-None-Match lists the current ETag (compared weakly) or "*"; without If-None-Match, when the content
    /// has not changed since If-Modified-Since. An unreadable header is ignored, as the RFC asks.
    /// </summary>
    public static bool IsNotModified(string? ifNoneMatch, string? ifModifiedSince, string currentETag, DateTimeOffset lastModified)
    {
        if (!string.IsNullOrWhiteSpace(ifNoneMatch))
            return NoneMatchFails(ifNoneMatch, currentETag);

        return HeaderUtilities.TryParseDate(ifModifiedSince, out var since) && lastModified <= since;
    }

    /// <summary>The If-None-Match test (§13.1.2): a list of tags or "*", weak comparison.</summary>
    public static bool NoneMatchFails(string ifNoneMatch, string currentETag)
    {
        if (!EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags))
            return false;
        var current = EntityTagHeaderValue.Parse(currentETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
