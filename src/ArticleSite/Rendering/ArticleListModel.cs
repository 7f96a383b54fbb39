using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>
/// A list of articles, newest first, and the level of heading each title gets: one below the heading above the list.
/// An entry in another language than <paramref name="PageLanguage"/> says its own words, with its own lang and dir.
/// </summary>
public sealed record ArticleListModel(IReadOnlyList<Article> Articles, int HeadingLevel, string PageLanguage = "en");
