using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>An article page's links to the articles around it, said in the article's <paramref name="Language"/>; an article naming no language is in <paramref name="SiteLanguage"/>.</summary>
public sealed record LeadsOnModel(ArticleNeighbours Neighbours, string Language, string SiteLanguage)
{
    public PageWords Words => PageWords.For(Language);

    /// <summary>The older, then the newer article, each with its class and label.</summary>
    public IReadOnlyList<(string Kind, string Label, Article Article)> ByDate =>
        [.. new[] { ("previous", "previous-article", Neighbours.Previous), ("next", "next-article", Neighbours.Next) }
            .Where(link => link.Item3 is not null).Select(link => (link.Item1, Words[link.Item2], link.Item3!))];

    /// <summary>The lang of a linked title in another language than the page's; null in the page's own.</summary>
    public string? LanguageOf(Article article) =>
        (article.Metadata.Language ?? SiteLanguage) is var own && !string.Equals(own, Language, StringComparison.OrdinalIgnoreCase) ? own : null;

    /// <summary>The dir of a linked title in another language than the page's, when its direction differs; else null.</summary>
    public string? DirectionOf(Article article) =>
        LanguageOf(article) is { } own && PageWords.IsRightToLeft(own) != PageWords.IsRightToLeft(Language) ? PageWords.Direction(own) : null;
}
