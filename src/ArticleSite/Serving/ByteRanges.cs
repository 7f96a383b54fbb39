using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>What a Range request gets (RFC 9110 §14): the whole body, one part of it, or 416.</summary>
public readonly record struct RangeOutcome(RangeOutcomeKind Kind, long Start, long Length)
{
    public static RangeOutcome Whole { get; } = new(RangeOutcomeKind.Whole, 0, 0);

    public static RangeOutcome Unsatisfiable { get; } = new(RangeOutcomeKind.Unsatisfiable, 0, 0);

    public long End => Start + Length - 1;
}

public enum RangeOutcomeKind
{
    Whole,
    Partial,
    Unsatisfiable,
}

/// <summary>Evaluates Range and If-Range against a body of known length.</summary>
public static class ByteRanges
{
    /// <summary>
    /// One byte range gives a part; a range that starts past the end gives 416. Anything else is served whole, as the RFC
    /// allows: no Range, an unreadable one, several ranges, or an If-Range that no longer matches (strong ETag, or exact date).
    /// </summary>
    public static RangeOutcome Evaluate(string? range, string? ifRange, string etag, DateTimeOffset lastModified, long length)
    {
        if (string.IsNullOrWhiteSpace(range) || !RangeHeaderValue.TryParse(range, out var parsed)
            || !parsed.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
            return RangeOutcome.Whole;
        if (!string.IsNullOrWhiteSpace(ifRange) && !IfRangeHolds(ifRange, etag, lastModified))
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

    private static bool IfRangeHolds(string ifRange, string etag, DateTimeOffset lastModified)
    {
        if (!RangeConditionHeaderValue.TryParse(ifRange, out var condition))
            return false;
        if (condition.EntityTag is { } tag)
            return tag.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: true);
        return condition.LastModified == lastModified;
    }
}
