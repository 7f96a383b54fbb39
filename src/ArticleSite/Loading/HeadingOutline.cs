using Markdig.Syntax;

namespace ArticleSite.Loading;

/// <summary>
/// The levels the page shows an article's headings at, below its headline (the page's h1): a body whose top level is
/// <c>#</c> (sections under a front-matter title) has every level shifted one down, so its <c>##</c> stay below its
/// <c>#</c>; and no heading is more than one level below the one before, as assistive technology and the Nu checker
/// expect. Set on the tree, so the page, "In this article", the text and the JSON agree.
/// </summary>
internal static class HeadingOutline
{
    public static void Apply(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count == 0)
            return;
        var shift = headings.Min(heading => heading.Level) == 1 ? 1 : 0;
        var previous = 1;
        foreach (var heading in headings)
            previous = heading.Level = Math.Clamp(heading.Level + shift, 2, Math.Min(previous + 1, 6));
    }
}
