using System.Globalization;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using CsCheck;

namespace ArticleSite.Tests;

/// <summary>
/// Properties of the request-header decisions (Accept, Accept-Encoding, Range and If-Range, If-Match and If-None-Match) on generated
/// headers: no input makes them throw, and on well-formed input they agree with the rule as docs/http.md states it, written out here.
/// </summary>
public sealed class HttpHeaderPropertyTests
{
    private static Gen<T> OneOf<T>(params T[] choices) => Gen.Int[0, choices.Length - 1].Select(index => choices[index]);

    /// <summary>Anything a client might send: header-ish characters, any string, and near-valid lists.</summary>
    private static readonly Gen<string> AnyHeaderValue = Gen.OneOf(
        Gen.String[Gen.Char["*/;=,. \t-qQ0123456789abtextplhmgzipbrydjson\"\\\u00ff"], 0, 30],
        Gen.String);

    private static readonly Gen<double?> Quality = OneOf<double?>(null, 0, 0.001, 0.2, 0.5, 0.8, 1);

    private static string WithQuality(string value, double? quality) =>
        quality is { } q ? $"{value};q={q.ToString(CultureInfo.InvariantCulture)}" : value;

    // Accept

    private static readonly string[] Offered = ["text/html", "text/plain", "text/markdown", "application/json"];

    private static readonly string[] MediaRanges = ["*/*", "text/*", "application/*", "image/*", "text/html", "text/plain", "text/markdown", "application/json", "image/png"];

    /// <summary>Distinct media ranges, each with or without a q-value, in any order.</summary>
    private static readonly Gen<(string Range, double? Quality)[]> AcceptList =
        Gen.Shuffle(MediaRanges, 1, MediaRanges.Length).SelectMany(ranges => Quality.Array[ranges.Length].Select(qualities => ranges.Zip(qualities).ToArray()));

    /// <summary>docs/http.md: q-values honoured, the most specific range decides a type's q, ties go to the earlier type, q=0 excludes.</summary>
    private static int ModelChoice((string Range, double? Quality)[] accept)
    {
        double QualityOf(string mediaType)
        {
            var type = mediaType.Split('/')[0];
            var match = accept.FirstOrDefault(entry => entry.Range == mediaType);
            match = match.Range is null ? accept.FirstOrDefault(entry => entry.Range == type + "/*") : match;
            match = match.Range is null ? accept.FirstOrDefault(entry => entry.Range == "*/*") : match;
            return match.Range is null ? 0 : match.Quality ?? 1;
        }

        var best = -1;
        for (var index = 0; index < Offered.Length; index++)
        {
            if (QualityOf(Offered[index]) > (best < 0 ? 0 : QualityOf(Offered[best])))
                best = index;
        }
        return best;
    }

    [Fact]
    public void Any_Accept_header_chooses_an_offered_type_or_none_without_an_exception()
    {
        AnyHeaderValue.Sample(accept => Assert.InRange(MediaTypeNegotiation.Choose(accept, Offered), -1, Offered.Length - 1));
    }

    [Fact]
    public void Accept_negotiation_agrees_with_the_q_value_rule_written_out_by_hand()
    {
        AcceptList.Sample(accept =>
        {
            var header = string.Join(", ", accept.Select(entry => WithQuality(entry.Range, entry.Quality)));

            Assert.Equal(ModelChoice(accept), MediaTypeNegotiation.Choose(header, Offered));
        });
    }

    [Fact]
    public void A_type_the_client_excludes_with_q_0_is_never_chosen_whatever_else_it_accepts()
    {
        Gen.Select(AcceptList, Gen.Int[0, Offered.Length - 1]).Sample((others, excluded) =>
        {
            var header = string.Join(", ", others.Where(entry => entry.Range != Offered[excluded]).Select(entry => WithQuality(entry.Range, entry.Quality)).Append($"{Offered[excluded]};q=0"));

            Assert.NotEqual(excluded, MediaTypeNegotiation.Choose(header, Offered));
        });
    }

    [Fact]
    public void A_missing_or_empty_Accept_gets_the_first_offer()
    {
        Gen.String[Gen.Char[" \t"], 0, 5].Sample(blank => Assert.Equal(0, MediaTypeNegotiation.Choose(blank, Offered)));
        Assert.Equal(0, MediaTypeNegotiation.Choose(null, Offered));
    }

    // Accept-Encoding

    private static readonly string[] CodingNames = ["br", "gzip", "identity", "*", "deflate", "zstd"];

    private static readonly Gen<(string Coding, double? Quality)[]> AcceptEncodingList =
        Gen.Shuffle(CodingNames, 1, CodingNames.Length).SelectMany(codings => Quality.Array[codings.Length].Select(qualities => codings.Zip(qualities).ToArray()));

    /// <summary>docs/http.md: the highest q wins, ties go to br then gzip then identity; "*" stands for every coding not named; identity is acceptable unless excluded; all excluded is 406 (null).</summary>
    private static ContentCoding? ModelCoding((string Coding, double? Quality)[] acceptEncoding)
    {
        double? Listed(string name) => acceptEncoding.Where(entry => entry.Coding == name).Select(entry => (double?)(entry.Quality ?? 1)).FirstOrDefault();
        var any = Listed("*");
        var qualities = new[]
        {
            (Coding: ContentCoding.Brotli, Quality: Listed("br") ?? any ?? 0),
            (Coding: ContentCoding.Gzip, Quality: Listed("gzip") ?? any ?? 0),
            (Coding: ContentCoding.Identity, Quality: Listed("identity") ?? any ?? double.Epsilon),
        };
        var best = qualities.Max(entry => entry.Quality);
        return best > 0 ? qualities.First(entry => entry.Quality == best).Coding : null;
    }

    [Fact]
    public void Any_Accept_Encoding_header_is_answered_without_an_exception()
    {
        AnyHeaderValue.Sample(acceptEncoding => _ = EncodingNegotiation.Choose(acceptEncoding));
    }

    [Fact]
    public void Encoding_negotiation_agrees_with_the_q_value_rule_written_out_by_hand()
    {
        AcceptEncodingList.Sample(acceptEncoding =>
        {
            var header = string.Join(", ", acceptEncoding.Select(entry => WithQuality(entry.Coding, entry.Quality)));

            Assert.Equal(ModelCoding(acceptEncoding), EncodingNegotiation.Choose(header));
        });
    }

    [Fact]
    public void A_coding_excluded_with_q_0_is_never_chosen()
    {
        Gen.Select(AcceptEncodingList, OneOf(("br", ContentCoding.Brotli), ("gzip", ContentCoding.Gzip), ("identity", ContentCoding.Identity))).Sample((others, excluded) =>
        {
            var header = string.Join(", ", others.Where(entry => entry.Coding != excluded.Item1).Select(entry => WithQuality(entry.Coding, entry.Quality)).Append($"{excluded.Item1};q=0"));

            Assert.NotEqual(excluded.Item2, EncodingNegotiation.Choose(header));
        });
    }

    // Range and If-Range

    private const string ETag = "\"current\"";

    /// <summary>A date a client might send in If-Range; the site sends no Last-Modified for it to match.</summary>
    private static readonly DateTimeOffset SomeDate = new(2025, 11, 1, 8, 30, 0, TimeSpan.Zero);

    private static RangeOutcome Evaluate(string? range, long length, string? ifRange = null) => ByteRanges.Evaluate(range, ifRange, ETag, length);

    private static readonly Gen<long> BodyLength = Gen.Long[1, 20_000];

    [Fact]
    public void Any_Range_and_If_Range_are_answered_without_an_exception_and_a_part_always_lies_within_the_body()
    {
        var anyRange = Gen.OneOf(AnyHeaderValue, Gen.String[Gen.Char["bytes=0123456789-, "], 0, 30]);
        Gen.Select(anyRange, Gen.OneOf(AnyHeaderValue, Gen.Const(ETag)), BodyLength).Sample((range, ifRange, length) =>
        {
            var outcome = Evaluate(range, length, ifRange);
            if (outcome.Kind == RangeOutcomeKind.Partial)
            {
                Assert.InRange(outcome.Start, 0, length - 1);
                Assert.InRange(outcome.End, outcome.Start, length - 1);
            }
        });
    }

    [Fact]
    public void A_single_range_that_starts_within_the_body_gets_exactly_those_bytes_cut_at_the_end()
    {
        BodyLength.SelectMany(length => Gen.Select(Gen.Const(length), Gen.Long[0, length - 1], Gen.OneOf(Gen.Long[0, 3 * length].Select(extra => (long?)extra), Gen.Const((long?)null))))
            .Sample((length, start, extra) =>
            {
                var last = start + extra;
                var outcome = Evaluate($"bytes={start}-{last}", length);

                Assert.Equal(new RangeOutcome(RangeOutcomeKind.Partial, start, Math.Min(last ?? long.MaxValue, length - 1) - start + 1), outcome);
            });
    }

    [Fact]
    public void A_range_that_starts_at_or_past_the_end_is_unsatisfiable()
    {
        Gen.Select(BodyLength, Gen.Long[0, 100_000], Gen.Bool).Sample((length, beyond, open) =>
        {
            var start = length + beyond;
            Assert.Equal(RangeOutcomeKind.Unsatisfiable, Evaluate(open ? $"bytes={start}-" : $"bytes={start}-{start + 10}", length).Kind);
        });
    }

    [Fact]
    public void A_suffix_range_gets_the_last_bytes_or_the_whole_body_when_longer_and_a_zero_suffix_is_unsatisfiable()
    {
        Gen.Select(BodyLength, Gen.Long[0, 40_000]).Sample((length, suffix) =>
        {
            var outcome = Evaluate($"bytes=-{suffix}", length);

            var expected = suffix == 0
                ? RangeOutcome.Unsatisfiable
                : new RangeOutcome(RangeOutcomeKind.Partial, length - Math.Min(suffix, length), Math.Min(suffix, length));
            Assert.Equal(expected, outcome);
        });
    }

    [Fact]
    public void Several_ranges_overlapping_or_not_get_the_whole_body()
    {
        var oneRange = Gen.Select(Gen.Long[0, 30_000], Gen.Long[0, 100]).Select((start, extra) => $"{start}-{start + extra}");
        Gen.Select(oneRange.Array[2, 8], BodyLength).Sample((ranges, length) =>
            Assert.Equal(RangeOutcome.Whole, Evaluate("bytes=" + string.Join(",", ranges), length)));
    }

    [Fact]
    public void A_reversed_range_is_unreadable_and_gets_the_whole_body()
    {
        Gen.Select(Gen.Long[1, 30_000], Gen.Long[1, 100], BodyLength).Sample((first, shortBy, length) =>
            Assert.Equal(RangeOutcome.Whole, Evaluate($"bytes={first}-{Math.Max(0, first - shortBy)}", length)));
    }

    [Fact]
    public void If_Range_lets_the_range_apply_only_for_the_current_strong_ETag_and_never_for_a_date()
    {
        var ifRanges = Gen.OneOf(
            Gen.Const((ETag, true)),
            Gen.Const(("W/" + ETag, false)),
            Gen.String[Gen.Char["abcxyz"], 0, 8].Where(opaque => opaque != "current").Select(opaque => ($"\"{opaque}\"", false)),
            Gen.Int[-100_000, 100_000].Select(seconds => (SomeDate.AddSeconds(seconds).ToString("r", CultureInfo.InvariantCulture), false)));
        Gen.Select(ifRanges, BodyLength).Sample((ifRange, length) =>
        {
            var (value, holds) = ifRange;
            Assert.Equal(holds ? RangeOutcomeKind.Partial : RangeOutcomeKind.Whole, Evaluate("bytes=0-0", length, value).Kind);
        });
    }

    // If-Match and If-None-Match

    [Fact]
    public void Any_If_Match_and_If_None_Match_are_answered_without_an_exception()
    {
        Gen.Select(Gen.OneOf(AnyHeaderValue, Gen.Const("")), Gen.OneOf(AnyHeaderValue, Gen.Const(""))).Sample((match, noneMatch) =>
        {
            _ = Preconditions.Evaluate(match, noneMatch, ETag);
        });
    }

    [Fact]
    public void If_Match_fails_unless_it_lists_the_current_strong_ETag_or_a_star_and_then_If_None_Match_decides()
    {
        var tags = Gen.OneOf(Gen.Const(ETag), Gen.Const("W/" + ETag), Gen.Const("*"), Gen.String[Gen.Char["abcxyz"], 0, 8].Where(opaque => opaque != "current").Select(opaque => $"\"{opaque}\""));
        Gen.Select(tags.Array[1, 3], tags.Array[0, 3]).Sample((match, noneMatch) =>
        {
            var matchHolds = match.Any(tag => tag == ETag || tag == "*");
            var noneMatchFails = noneMatch.Any(tag => tag == ETag || tag == "W/" + ETag || tag == "*");
            var expected = !matchHolds ? PreconditionOutcome.Failed : noneMatchFails ? PreconditionOutcome.NotModified : PreconditionOutcome.Proceed;

            Assert.Equal(expected, Preconditions.Evaluate(string.Join(", ", match), noneMatch.Length == 0 ? default : string.Join(", ", noneMatch), ETag));
        });
    }
}
