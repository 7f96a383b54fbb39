using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>What the article page template needs: the article, its rendered body, table of contents, metadata and stylesheet.</summary>
public sealed record ArticlePageModel(
    Article Article,
    HtmlString Body,
    IReadOnlyList<SectionLink> Sections,
    int ReadingMinutes,
    string CanonicalUrl,
    string? SourceUrl,
    HtmlString StructuredData,
    HtmlString Css)
{
    public string SiteName => PageRenderer.SiteName;

    /// <summary>The picture link previews show; null when the article has none.</summary>
    public ArticlePicture? Picture { get; init; }

    /// <summary>The other articles, newest first, listed at the end of the front page; empty on an article's own page.</summary>
    public IReadOnlyList<Article> Others { get; init; } = [];

    /// <summary>How many articles the archive page lists, linked below <see cref="Others"/>; 0 on an article's own page.</summary>
    public int AllArticles { get; init; }
}

/// <summary>One entry of the table of contents: a section heading's text and its fragment id.</summary>
public sealed record SectionLink(string Id, string Title);
