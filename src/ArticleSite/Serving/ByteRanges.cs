using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>What a Range request gets (RFC 9110 §14): the whole body, one part of it, or 416.</summary>
internal readonly record struct RangeOutcome(RangeOutcomeKind Kind, long Start, long Length)
{
    public static RangeOutcome Whole { get; } = new(RangeOutcomeKind.Whole, 0, 0);

    public static RangeOutcome Unsatisfiable { get; } = new(RangeOutcomeKind.Unsatisfiable, 0, 0);

    public long End => Start + Length - 1;
}

internal enum RangeOutcomeKind
{
    Whole,
    Partial,
    Unsatisfiable,
}

/// <summary>Evaluates Range and If-Range against a body of known length.</summary>
internal static class ByteRanges
{
    /// <summary>
    /// One byte range gives a part; a range that starts past the end gives 416. Anything else is served whole, as the RFC
    /// allows: no Range, an unreadable one, several ranges, or an If-Range that does not hold.
    /// </summary>
    public static RangeOutcome Evaluate(string? range, string? ifRange, string etag, long length)
    {
        if (string.IsNullOrWhiteSpace(range) || !RangeHeaderValue.TryParse(range, out var parsed)
            || !parsed.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
            return RangeOutcome.Whole;
        if (!string.IsNullOrWhiteSpace(ifRange) && !IfRangeHolds(ifRange, etag))
            return RangeOutcome.Whole;

        var only = parsed.Ranges.Single();
        if (only.From is null)
        {
            var suffix = Math.Min(only.To ?? 0, length);
            return suffix > 0 ? new RangeOutcome(RangeOutcomeKind.Partial, length - suffix, suffix) : RangeOutcome.Unsatisfiable;
        }

        var start = only.From.Value;
        if (start >= length)
            return RangeOutcome.Unsatisfiable;
        var end = Math.Min(only.To ?? length - 1, length - 1);
        return new RangeOutcome(RangeOutcomeKind.Partial, start, end - start + 1);
    }

    /// <summary>
    /// Whether an If-Range is present and cannot hold here: a date (or anything that is no entity tag). For the framework's
    /// file results, which take a date to hold whenever they send no Last-Modified, and would splice a range of these
    /// bytes onto a prefix of others.
    /// </summary>
    public static bool IfRangeNamesNoEntityTag(string? ifRange) =>
        !string.IsNullOrWhiteSpace(ifRange) && !(RangeConditionHeaderValue.TryParse(ifRange, out var condition) && condition.EntityTag is not null);

    /// <summary>
    /// §13.1.5: an entity tag holds when it equals the current one by strong comparison. A date never holds: it would have
    /// to be a strong Last-Modified, and the site sends none, so a client resuming by date gets the whole body.
    /// </summary>
    private static bool IfRangeHolds(string ifRange, string etag) =>
        RangeConditionHeaderValue.TryParse(ifRange, out var condition)
        && condition.EntityTag is { } tag
        && tag.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: true);
}
