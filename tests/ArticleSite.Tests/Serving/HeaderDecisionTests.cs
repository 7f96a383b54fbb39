using ArticleSite.Rendering;
using ArticleSite.Serving;

namespace ArticleSite.Tests;

/// <summary>The pure header decisions behind negotiation, revalidation and ranges, input strings in, decision out.</summary>
public sealed class HeaderDecisionTests
{
    private static readonly string[] Offered = ["text/html", "text/plain", "text/markdown", "application/json"];

    private const string ETag = "\"abc\"";

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("not a media type;;;", 0)]
    [InlineData("text/plain;q=0.5, text/markdown;q=0.5", 1)]
    [InlineData("text/*, text/html;q=0", 1)]
    [InlineData("*/*;q=0.1, application/json", 3)]
    [InlineData("TEXT/MARKDOWN", 2)]
    [InlineData("image/*", -1)]
    public void Accept_picks_the_highest_q_value_and_the_earlier_offer_on_ties(string? accept, int expected) =>
        Assert.Equal(expected, MediaTypeNegotiation.Choose(accept, Offered));

    [Theory]
    [InlineData(null, ContentCoding.Identity)]
    [InlineData("gzip;q=0.5", ContentCoding.Gzip)]
    [InlineData("gzip;q=0.5, identity", ContentCoding.Identity)]
    [InlineData("br, gzip", ContentCoding.Brotli)]
    [InlineData("*;q=0.5, br;q=0", ContentCoding.Gzip)]
    [InlineData("x-gzip", ContentCoding.Gzip)]
    public void Accept_Encoding_picks_the_highest_q_value_and_the_smaller_body_on_ties(string? acceptEncoding, ContentCoding expected) =>
        Assert.Equal(expected, EncodingNegotiation.Choose(acceptEncoding));

    [Theory]
    [InlineData(null, "\"abc\"", PreconditionOutcome.NotModified)]
    [InlineData(null, "W/\"abc\"", PreconditionOutcome.NotModified)]
    [InlineData(null, "\"x\", W/\"abc\"", PreconditionOutcome.NotModified)]
    [InlineData(null, "*", PreconditionOutcome.NotModified)]
    [InlineData(null, "\"abcd\"", PreconditionOutcome.Proceed)]
    [InlineData(null, "garbage", PreconditionOutcome.Proceed)]
    [InlineData(null, null, PreconditionOutcome.Proceed)]
    [InlineData("\"abc\"", null, PreconditionOutcome.Proceed)]
    [InlineData("\"x\", \"abc\"", null, PreconditionOutcome.Proceed)]
    [InlineData("*", null, PreconditionOutcome.Proceed)]
    [InlineData("\"stale\"", null, PreconditionOutcome.Failed)]
    [InlineData("W/\"abc\"", null, PreconditionOutcome.Failed)]
    [InlineData("garbage", null, PreconditionOutcome.Failed)]
    [InlineData("\"stale\"", "\"abc\"", PreconditionOutcome.Failed)]
    [InlineData("\"abc\"", "\"abc\"", PreconditionOutcome.NotModified)]
    public void If_Match_is_evaluated_first_with_strong_comparison_then_If_None_Match_with_weak(string? ifMatch, string? ifNoneMatch, PreconditionOutcome expected) =>
        Assert.Equal(expected, Preconditions.Evaluate(ifMatch, ifNoneMatch, ETag));

    [Theory]
    [InlineData(null, null, RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("bytes=0-9", null, RangeOutcomeKind.Partial, 0, 10)]
    [InlineData("bytes=90-200", null, RangeOutcomeKind.Partial, 90, 10)]
    [InlineData("bytes=-10", null, RangeOutcomeKind.Partial, 90, 10)]
    [InlineData("bytes=-500", null, RangeOutcomeKind.Partial, 0, 100)]
    [InlineData("bytes=100-", null, RangeOutcomeKind.Unsatisfiable, 0, 0)]
    [InlineData("bytes=0-1, 5-6", null, RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("items=0-1", null, RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("bytes=5-1", null, RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("bytes=0-9", "\"abc\"", RangeOutcomeKind.Partial, 0, 10)]
    [InlineData("bytes=0-9", "W/\"abc\"", RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("bytes=0-9", "Sat, 01 Nov 2025 12:00:00 GMT", RangeOutcomeKind.Whole, 0, 0)]
    [InlineData("bytes=0-9", "Thu, 01 Jan 1970 00:00:00 GMT", RangeOutcomeKind.Whole, 0, 0)]
    public void A_range_is_served_when_it_is_one_satisfiable_byte_range(string? range, string? ifRange, RangeOutcomeKind kind, long start, long length)
    {
        var outcome = ByteRanges.Evaluate(range, ifRange, ETag, length: 100);

        Assert.Equal(kind, outcome.Kind);
        if (kind == RangeOutcomeKind.Partial)
            Assert.Equal((start, length), (outcome.Start, outcome.Length));
    }
}
