using ArticleSite.Loading;
using ArticleSite.Serving;
using CsCheck;

namespace ArticleSite.Tests;

/// <summary>Properties of the code that reads client or author input, checked on generated inputs (CsCheck shrinks any failure to a small example).</summary>
public sealed class ParserPropertyTests
{
    private static readonly Gen<string> Opaque = Gen.String[Gen.Char["abcdefXYZ0123456789-_.~!#$%&'()*+,/:;<=>?@[]^`{|}"], 0, 12];

    private static readonly Gen<(string Opaque, bool Weak)> Tag = Gen.Select(Opaque, Gen.Bool);

    private static string Written((string Opaque, bool Weak) tag) => (tag.Weak ? "W/" : "") + $"\"{tag.Opaque}\"";

    /// <summary>Anything a client might put in the header, valid or not.</summary>
    private static readonly Gen<string> AnyHeaderValue = Gen.OneOf(
        Gen.String[Gen.Char["\"W/*, \t;=abc01\\\u00ff"], 0, 20],
        Gen.String,
        Tag.Array[0, 5].Select(tags => string.Join(", ", tags.Select(Written))));

    [Fact]
    public void If_None_Match_fails_exactly_when_a_listed_tag_has_the_current_opaque_value_or_it_is_a_star()
    {
        Gen.Select(Opaque, Tag.Array[1, 6], Gen.Bool).Sample((current, listed, star) =>
        {
            string[] header = [.. listed.Select(Written), .. star ? ["*"] : Array.Empty<string>()];
            var expected = star || listed.Any(tag => tag.Opaque == current);

            Assert.Equal(expected, Preconditions.NoneMatchNamesCurrent(string.Join(", ", header), $"\"{current}\""));
        });
    }

    [Fact]
    public void The_current_tag_matches_wherever_it_stands_in_the_list_strong_or_weak()
    {
        Gen.Select(Opaque, Tag.Array[0, 5], Gen.Int[0, 5], Gen.Bool).Sample((current, others, position, weak) =>
        {
            var list = others.Select(Written).ToList();
            list.Insert(Math.Min(position, list.Count), Written((current, weak)));

            Assert.True(Preconditions.NoneMatchNamesCurrent(string.Join(",", list), $"\"{current}\""));
            Assert.True(Preconditions.NoneMatchNamesCurrent(string.Join(", ", list), $"\"{current}\""));
        });
    }

    [Fact]
    public void Any_If_None_Match_value_is_answered_without_an_exception()
    {
        Gen.Select(AnyHeaderValue.Array[0, 3], Opaque).Sample((values, current) =>
        {
            _ = Preconditions.NoneMatchNamesCurrent(string.Join(", ", values), $"\"{current}\"");
        });
    }

    [Fact]
    public void No_If_None_Match_header_never_matches()
    {
        Opaque.Sample(current => Assert.False(Preconditions.NoneMatchNamesCurrent("", $"\"{current}\"")));
    }

    private static readonly Gen<string> SlugSegment = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8];

    [Fact]
    public void Segments_of_lowercase_letters_and_digits_joined_by_single_hyphens_are_valid_slugs()
    {
        SlugSegment.Array[1, 6].Sample(segments => Assert.True(FrontMatter.IsValidSlug(string.Join("-", segments))));
    }

    [Fact]
    public void Slug_validation_agrees_with_the_rule_written_out_by_hand()
    {
        var nearSlugs = Gen.String[Gen.Char["abz09-A_ .é\n\t/\\%"], 0, 12];
        Gen.OneOf(nearSlugs, Gen.String).Sample(candidate =>
        {
            var expected = candidate.Length > 0
                && candidate.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
                && candidate[0] != '-' && candidate[^1] != '-'
                && !candidate.Contains("--", StringComparison.Ordinal);

            Assert.Equal(expected, FrontMatter.IsValidSlug(candidate));
        });
    }

    [Fact]
    public void A_valid_slug_followed_by_a_newline_is_not_valid()
    {
        SlugSegment.Sample(slug => Assert.False(FrontMatter.IsValidSlug(slug + "\n")));
    }
}
