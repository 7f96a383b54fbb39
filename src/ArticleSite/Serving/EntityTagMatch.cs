using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>The If-None-Match test of RFC 9110 §13.1.2: a list of tags or "*", compared weakly.</summary>
public static class EntityTagMatch
{
    public static bool NoneMatchFails(IList<string> ifNoneMatch, string currentETag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
            return false;
        var current = EntityTagHeaderValue.Parse(currentETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
