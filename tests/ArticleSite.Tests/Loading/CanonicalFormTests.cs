using ArticleSite.Loading;

namespace ArticleSite.Tests;

/// <summary>
/// NFC without the runtime's ICU (the site runs with InvariantGlobalization): each expected string is Python's
/// <c>unicodedata.normalize("NFC", …)</c> of the input.
/// </summary>
public sealed class CanonicalFormTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "Cafe\u0301", "Caf\u00e9" },
        { "e\u0302\u0323", "\u1ec7" },
        { "\u1100\u1161\u11a8", "\uac01" },
        { "\u212b", "\u00c5" },
        { "\u0344", "\u0308\u0301" },
        { "q\u0307\u0323", "q\u0323\u0307" },
        { "\ufa10", "\u585a" },
        { "\u0958", "\u0915\u093c" },
        { "a\u0301\u0301", "\u00e1\u0301" },
        { "\u1e0b\u0323", "\u1e0d\u0307" },
        { "한국 경제", "한국 경제" },
        { "Release 2.0", "Release 2.0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_is_composed_as_Unicode_NFC_composes_it(string text, string composed) =>
        Assert.Equal(composed, CanonicalForm.Composed(text));
}
