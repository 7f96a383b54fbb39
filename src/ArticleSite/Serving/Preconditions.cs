using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>What the preconditions of a request decide (RFC 9110 §13.2.2).</summary>
internal enum PreconditionOutcome
{
    /// <summary>Serve the request: 200, or 206 for a Range.</summary>
    Proceed,

    /// <summary>304 Not Modified: the client's copy is current.</summary>
    NotModified,

    /// <summary>412 Precondition Failed: the client asked for a representation that is not the current one.</summary>
    Failed,
}

/// <summary>
/// The preconditions of RFC 9110 §13 for a representation whose one validator is the strong ETag of its bytes.
/// If-Unmodified-Since and If-Modified-Since are ignored, as §13.1.4 and §13.1.3 require of a resource with no modification
/// date: the site sends no Last-Modified (docs/http.md, Validators, says why).
/// </summary>
internal static class Preconditions
{
    /// <summary>
    /// In the order of §13.2.2: If-Match first (strong comparison, "*" for any; false, or unreadable, is 412), then
    /// If-None-Match (weak comparison, "*" for any; true is 304 for GET and HEAD; an unreadable one is ignored).
    /// </summary>
    public static PreconditionOutcome Evaluate(StringValues ifMatch, StringValues ifNoneMatch, string currentETag)
    {
        if (!StringValues.IsNullOrEmpty(ifMatch) && !MatchHolds(ifMatch, currentETag))
            return PreconditionOutcome.Failed;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch) && NoneMatchNamesCurrent(ifNoneMatch, currentETag))
            return PreconditionOutcome.NotModified;
        return PreconditionOutcome.Proceed;
    }

    /// <summary>The If-Match test (§13.1.1): "*", or a listed tag equal to the current one by strong comparison.</summary>
    public static bool MatchHolds(StringValues ifMatch, string currentETag)
    {
        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags))
            return false;
        var current = EntityTagHeaderValue.Parse(currentETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }

    /// <summary>
    /// Whether If-None-Match (§13.1.2) names the current representation: "*", or a listed tag equal to the current one by
    /// weak comparison. True means the condition is false: 304 for GET and HEAD.
    /// </summary>
    public static bool NoneMatchNamesCurrent(StringValues ifNoneMatch, string currentETag)
    {
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
            return false;
        var current = EntityTagHeaderValue.Parse(currentETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
