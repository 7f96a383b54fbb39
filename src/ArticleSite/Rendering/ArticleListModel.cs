using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>A list of articles, newest first, and the level of heading each title gets: one below the heading above the list.</summary>
public sealed record ArticleListModel(IReadOnlyList<Article> Articles, int HeadingLevel);
