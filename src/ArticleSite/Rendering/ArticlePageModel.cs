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
    public SiteIdentity Site { get; init; } = SiteIdentity.Default;

    public string SiteName => Site.Name;

    /// <summary>The article's tags that have a page, each once, as the article spells them.</summary>
    public IReadOnlyList<(string Slug, string Name)> TagLinks { get; } =
        [.. Article.Metadata.Tags.Select(name => (Slug: TagIndex.SlugOf(name), Name: name)).Where(tag => tag.Slug.Length > 0).DistinctBy(tag => tag.Slug)];

    /// <summary>The page's own words, in the article's language.</summary>
    public PageWords Words => PageWords.For(Language);

    /// <summary>The article's language: its own, else the site's.</summary>
    public string Language => Article.Metadata.Language ?? Site.Language;

    /// <summary>The words of the front page's list and its link to the archive, in the site's language.</summary>
    public PageWords SiteWords => PageWords.For(Site.Language);

    /// <summary>The picture link previews show; null when the article has none.</summary>
    public ArticlePicture? Picture { get; init; }

    /// <summary>The article's versions in other languages, itself included, at their absolute URLs; empty when it has none.</summary>
    public IReadOnlyList<TranslationLink> Translations { get; init; } = [];

    /// <summary>The versions a reader can go to: every translation but this page.</summary>
    public IEnumerable<TranslationLink> OtherVersions => Translations.Where(version => version.Version.Slug != Article.Metadata.Slug);

    /// <summary>The other articles, newest first, listed at the end of the front page; empty on an article's own page.</summary>
    public IReadOnlyList<Article> Others { get; init; } = [];

    /// <summary>What the page writes after the article, where the snapshot's links to the articles around it go (<see cref="ArticleRendition"/>); null on the front page.</summary>
    public HtmlString? LinksSlot { get; init; }

    /// <summary>How many articles the archive page lists, linked below <see cref="Others"/>; 0 on an article's own page.</summary>
    public int AllArticles { get; init; }
}

/// <summary>A translation at its URL, named in its own language ("日本語"), or by its tag for a language the site has no words for.</summary>
public sealed record TranslationLink(Translation Version, string Url)
{
    public string Name => SpokenLanguages.Has(Version.Language) ? PageWords.For(Version.Language)["language-name"] : Version.Language;
}

/// <summary>One entry of the table of contents: a section heading's text and its fragment id.</summary>
public sealed record SectionLink(string Id, string Title);
