using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ArticleSite.Loading;
using ArticleSite.Rendering.Slices;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Microsoft.AspNetCore.Html;
using RazorSlices;

namespace ArticleSite.Rendering;

/// <summary>Renders the HTML page of an article: the Markdig body inside the page template, with its metadata.</summary>
internal static class PageRenderer
{
    // Encodes what HTML needs encoded and keeps the reporter's characters (“ ” ‘ ’ – —) as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string Stylesheet = ReadStylesheet();

    /// <summary>
    /// The CSP source that allows the page's inline stylesheet, and nothing else: 'sha256-…' of the exact &lt;style&gt; content,
    /// hashed by the build (ArticleSite.csproj) from the file that is embedded.
    /// </summary>
    public static string StylesheetHashSource { get; } = $"'sha256-{typeof(PageRenderer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(metadata => metadata.Key == "StylesheetSha256").Value}'";

    /// <summary>The front page lists this many of the newest other articles and links to the archive for all of them.</summary>
    public const int FrontPageListLength = 50;

    /// <summary>The front page: the lead article in full, then the newest others and a link to the archive page.</summary>
    /// <param name="lead">The snapshot's lead, parsed.</param>
    public static Task<string> RenderFrontPageAsync(SiteSnapshot snapshot, ParsedArticle lead, string canonicalUrl) =>
        RenderAsync(lead, canonicalUrl, snapshot.Identity, [.. snapshot.Others.Take(FrontPageListLength)], snapshot.Articles.Count);

    /// <summary>One page of the archive: <see cref="ArchivePageModel.PageLength"/> articles, newest first, from page 1.</summary>
    /// <param name="tag">The tag whose articles are listed; null for every article.</param>
    public static async Task<string> RenderArchiveAsync(SiteSnapshot snapshot, int page, string origin, Tag? tag = null)
    {
        var all = tag?.Articles ?? snapshot.Articles;
        var articles = all.Skip((page - 1) * ArchivePageModel.PageLength).Take(ArchivePageModel.PageLength).ToList();
        var model = new ArchivePageModel(articles, page, ArchivePageModel.PagesFor(all.Count), origin, new HtmlString(Stylesheet)) { Site = snapshot.Identity, Tag = tag };
        return await RazorSliceStringBuilderExtensions.RenderAsync(ArchivePage.Create(model), Encoder);
    }

    /// <summary>The page of every tag, by name, with its number of articles.</summary>
    public static async Task<string> RenderTagsAsync(SiteSnapshot snapshot, string origin) =>
        await RazorSliceStringBuilderExtensions.RenderAsync(TagsPage.Create(new TagsPageModel(snapshot.Tags.All, snapshot.Identity, origin, new HtmlString(Stylesheet))), Encoder);

    /// <summary>The search page: the form, and one page of results.</summary>
    public static async Task<string> RenderSearchAsync(Searching.SearchPageModel model) =>
        await RazorSliceStringBuilderExtensions.RenderAsync(SearchPage.Create(model with { Css = new HtmlString(Stylesheet) }), Encoder);

    /// <summary>An error page (404, 410 …) under the site's masthead.</summary>
    public static async Task<string> RenderStatusAsync(int status, string reason, SiteIdentity site, int articles) =>
        await RazorSliceStringBuilderExtensions.RenderAsync(StatusPage.Create(new StatusPageModel(status, reason, site, articles, new HtmlString(Stylesheet))), Encoder);

    /// <summary>The article's page; with <paramref name="others"/>, the front page that lists them below it.</summary>
    /// <param name="translations">The article's versions in other languages, itself included: linked as alternates and listed.</param>
    /// <param name="linksSlot">Written where the links to the articles around it go (<see cref="ArticleRendition"/>); null for none.</param>
    public static async Task<string> RenderAsync(
        ParsedArticle article, string canonicalUrl, SiteIdentity? site = null, IReadOnlyList<Article>? others = null, int allArticles = 0,
        IReadOnlyList<Translation>? translations = null, HtmlString? linksSlot = null)
    {
        site ??= SiteIdentity.Default;
        var sourceUrl = SourceHomePage(article.Metadata.Source);
        var origin = new Uri(canonicalUrl).GetLeftPart(UriPartial.Authority);
        var picture = ArticlePicture.Of(article.Article, origin);
        var versions = (translations ?? []).Select(version => new TranslationLink(version, origin + SiteRoutes.ArticlePage(version.Slug))).ToList();
        var model = new ArticlePageModel(
            Article: article.Article,
            Body: new HtmlString(RenderBody(article, article.Metadata.Language ?? site.Language)),
            Sections: SectionsOf(article),
            ReadingMinutes: article.ReadingMinutes,
            CanonicalUrl: canonicalUrl,
            SourceUrl: sourceUrl,
            StructuredData: new HtmlString(ArticleStructuredData.Render(article.Article, canonicalUrl, sourceUrl, site, picture?.Url, versions)),
            Css: new HtmlString(Stylesheet))
        {
            Picture = picture,
            Translations = versions,
            Others = others ?? [],
            AllArticles = allArticles,
            Site = site,
            LinksSlot = linksSlot,
        };
        // Named explicitly: the slice's own RenderAsync overloads write to a pipe, this one returns the string.
        return await RazorSliceStringBuilderExtensions.RenderAsync(ArticlePage.Create(model), Encoder);
    }

    /// <summary>An article page's links to the articles around it, in the article's language; empty when it has none.</summary>
    public static async Task<string> RenderLinksAsync(ArticleNeighbours neighbours, Article article, SiteIdentity site) =>
        neighbours is { Previous: null, Next: null, Related.Count: 0 } ? ""
            : await RazorSliceStringBuilderExtensions.RenderAsync(LeadsOn.Create(new LeadsOnModel(neighbours, article.Metadata.Language ?? site.Language, site.Language)), Encoder);

    /// <summary>The source's home page when the front matter's <c>source</c> is a host name, e.g. https://thefoxdaily.com/.</summary>
    private static string? SourceHomePage(string? source) =>
        source is not null && Uri.CheckHostName(source) == UriHostNameType.Dns ? $"https://{source}/" : null;

    private static List<SectionLink> SectionsOf(ParsedArticle article) =>
        [.. article.Document.Descendants<HeadingBlock>()
            .Where(heading => heading.Level == 2 && heading.TryGetAttributes()?.Id is not null)
            .Select(heading => new SectionLink(heading.TryGetAttributes()!.Id!, PlainTextRenderer.TextOf(heading.Inline)))];

    /// <summary>The article body alone, as HTML (for the page and the feed), its notes labelled in <paramref name="language"/>; raw HTML in it is sanitized.</summary>
    public static string RenderBody(ParsedArticle article, string language)
    {
        using var writer = new StringWriter();
        ArticleHtml.CreateRenderer(writer, article.Metadata.Media, language).Render(article.Document);
        // The whole body at once: an inline tag and its end tag are separate nodes, and a <details> block may close
        // several blocks later, so only the whole body is one well-formed piece of HTML. Without raw HTML, nothing to do.
        if (!RawHtmlNodes.AnyIn(article.Document))
            return writer.ToString();
        return RawHtmlSanitizer.Sanitize(writer.ToString(), MarkdigIds(article.Document), article.Metadata.Media);
    }

    /// <summary>The ids Markdig gives the headings (or an attribute list, any block: Loading/AttributeLists), the footnotes and the references to them.</summary>
    private static IEnumerable<string> MarkdigIds(MarkdownDocument document) =>
        document.Descendants().Select(node => node.TryGetAttributes()?.Id).OfType<string>()
            .Concat(document.Descendants<Footnote>().Select(footnote => $"fn:{footnote.Order}"))
            .Concat(document.Descendants<FootnoteLink>().Where(link => !link.IsBackLink).Select(link => $"fnref:{link.Index}"));

    private static string ReadStylesheet()
    {
        using var stream = typeof(PageRenderer).Assembly.GetManifestResourceStream("site.css")
            ?? throw new InvalidOperationException("site.css is not embedded in the assembly");
        return new StreamReader(stream).ReadToEnd();
    }
}
