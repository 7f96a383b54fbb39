using ArticleSite.Rendering;
using ArticleSite.Serving;

namespace ArticleSite.Tests;

/// <summary>The pure header decisions behind negotiation, revalidation and ranges, input strings in, decision out.</summary>
public sealed class HeaderDecisionTests
{
    private static readonly string[] Offered = ["text/html", "text/plain", "text/markdown", "application/json"];

    private const string ETag = "\"abc\"";

    private static readonly DateTimeOffset LastModified = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

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
    [InlineData("\"abc\"", null, true)]
    [InlineData("W/\"abc\"", null, true)]
    [InlineData("\"x\", W/\"abc\"", null, true)]
    [InlineData("*", null, true)]
    [InlineData("\"abcd\"", null, false)]
    [InlineData("garbage", null, false)]
    [InlineData(null, "Sat, 01 Nov 2025 12:00:00 GMT", true)]
    [InlineData(null, "Sat, 01 Nov 2025 11:59:59 GMT", false)]
    [InlineData(null, "yesterday", false)]
    [InlineData("\"x\"", "Sat, 01 Nov 2025 12:00:00 GMT", false)]
    public void A_client_copy_is_current_when_its_validators_match(string? ifNoneMatch, string? ifModifiedSince, bool notModified) =>
        Assert.Equal(notModified, Preconditions.IsNotModified(ifNoneMatch, ifModifiedSince, ETag, LastModified));

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
    [InlineData("bytes=0-9", "Sat, 01 Nov 2025 12:00:00 GMT", RangeOutcomeKind.Partial, 0, 10)]
    [InlineData("bytes=0-9", "Sat, 01 Nov 2025 11:00:00 GMT", RangeOutcomeKind.Whole, 0, 0)]
    public void A_range_is_served_when_it_is_one_satisfiable_byte_range(string? range, string? ifRange, RangeOutcomeKind kind, long start, long length)
    {
        var outcome = ByteRanges.Evaluate(range, ifRange, ETag, LastModified, length: 100);

        Assert.Equal(kind, outcome.Kind);
        if (kind == RangeOutcomeKind.Partial)
            Assert.Equal((start, length), (outcome.Start, outcome.Length));
    }
}
