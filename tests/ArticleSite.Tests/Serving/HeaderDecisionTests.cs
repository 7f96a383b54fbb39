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
    [InlineData(null, nameof(ContentCoding.Identity))]
    [InlineData("gzip;q=0.5", nameof(ContentCoding.Gzip))]
    [InlineData("gzip;q=0.5, identity", nameof(ContentCoding.Identity))]
    [InlineData("br, gzip", nameof(ContentCoding.Brotli))]
    [InlineData("*;q=0.5, br;q=0", nameof(ContentCoding.Gzip))]
    [InlineData("x-gzip", nameof(ContentCoding.Gzip))]
    public void Accept_Encoding_picks_the_highest_q_value_and_the_smaller_body_on_ties(string? acceptEncoding, string expected) =>
        Assert.Equal(expected, EncodingNegotiation.Choose(acceptEncoding).ToString());

    [Theory]
    [InlineData(null, "\"abc\"", nameof(PreconditionOutcome.NotModified))]
    [InlineData(null, "W/\"abc\"", nameof(PreconditionOutcome.NotModified))]
    [InlineData(null, "\"x\", W/\"abc\"", nameof(PreconditionOutcome.NotModified))]
    [InlineData(null, "*", nameof(PreconditionOutcome.NotModified))]
    [InlineData(null, "\"abcd\"", nameof(PreconditionOutcome.Proceed))]
    [InlineData(null, "garbage", nameof(PreconditionOutcome.Proceed))]
    [InlineData(null, null, nameof(PreconditionOutcome.Proceed))]
    [InlineData("\"abc\"", null, nameof(PreconditionOutcome.Proceed))]
    [InlineData("\"x\", \"abc\"", null, nameof(PreconditionOutcome.Proceed))]
    [InlineData("*", null, nameof(PreconditionOutcome.Proceed))]
    [InlineData("\"stale\"", null, nameof(PreconditionOutcome.Failed))]
    [InlineData("W/\"abc\"", null, nameof(PreconditionOutcome.Failed))]
    [InlineData("garbage", null, nameof(PreconditionOutcome.Failed))]
    [InlineData("\"stale\"", "\"abc\"", nameof(PreconditionOutcome.Failed))]
    [InlineData("\"abc\"", "\"abc\"", nameof(PreconditionOutcome.NotModified))]
    public void If_Match_is_evaluated_first_with_strong_comparison_then_If_None_Match_with_weak(string? ifMatch, string? ifNoneMatch, string expected) =>
        Assert.Equal(expected, Preconditions.Evaluate(ifMatch, ifNoneMatch, ETag).ToString());

    [Theory]
    [InlineData(null, null, nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("bytes=0-9", null, nameof(RangeOutcomeKind.Partial), 0, 10)]
    [InlineData("bytes=90-200", null, nameof(RangeOutcomeKind.Partial), 90, 10)]
    [InlineData("bytes=-10", null, nameof(RangeOutcomeKind.Partial), 90, 10)]
    [InlineData("bytes=-500", null, nameof(RangeOutcomeKind.Partial), 0, 100)]
    [InlineData("bytes=100-", null, nameof(RangeOutcomeKind.Unsatisfiable), 0, 0)]
    [InlineData("bytes=0-1, 5-6", null, nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("items=0-1", null, nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("bytes=5-1", null, nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("bytes=0-9", "\"abc\"", nameof(RangeOutcomeKind.Partial), 0, 10)]
    [InlineData("bytes=0-9", "W/\"abc\"", nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("bytes=0-9", "Sat, 01 Nov 2025 12:00:00 GMT", nameof(RangeOutcomeKind.Whole), 0, 0)]
    [InlineData("bytes=0-9", "Thu, 01 Jan 1970 00:00:00 GMT", nameof(RangeOutcomeKind.Whole), 0, 0)]
    public void A_range_is_served_when_it_is_one_satisfiable_byte_range(string? range, string? ifRange, string kind, long start, long length)
    {
        var outcome = ByteRanges.Evaluate(range, ifRange, ETag, length: 100);

        Assert.Equal(kind, outcome.Kind.ToString());
        if (outcome.Kind == RangeOutcomeKind.Partial)
            Assert.Equal((start, length), (outcome.Start, outcome.Length));
    }
}
