using System.Text;
using ArticleSite.Loading;
using Microsoft.AspNetCore.Html;

namespace ArticleSite.Rendering;

/// <summary>
/// The resources of one article, rendered for one public origin: its page (which offers every form by negotiation), text,
/// Markdown and JSON. The page's links to the articles around it (<see cref="ArticleNeighbours"/>) depend on the snapshot,
/// the rest on the article alone: the page is kept as the HTML before and after those links, and put together with the
/// links of the snapshot that serves it (<see cref="PageWith"/>), so that a neighbour's edit changes the links, and the
/// page's ETag, without rendering this article's body again.
/// </summary>
internal sealed class ArticleRendition
{
    /// <summary>Where the page's links go, written by the page template after the article; the last one in the page is the template's.</summary>
    internal const string LinksSlot = "<!--leads-on-->";

    private const string HtmlType = "text/html; charset=utf-8";

    private readonly byte[] pageBefore;

    private readonly byte[] pageAfter;

    private readonly Representation text;

    private readonly Representation markdown;

    private readonly Representation json;

    private readonly Lock gate = new();

    /// <summary>The page as last put together, with the links it was put together with: what consecutive requests of one snapshot share.</summary>
    private (string Links, Resource Page) assembled;

    /// <summary>The URL table the page was last put together for (<see cref="UrlTable.Stamp"/>), 0 for none.</summary>
    private long assembledFor;

    private ArticleRendition(string page, Representation text, Representation markdown, Representation json)
    {
        var slot = page.LastIndexOf(LinksSlot, StringComparison.Ordinal);
        pageBefore = Encoding.UTF8.GetBytes(page[..slot]);
        pageAfter = Encoding.UTF8.GetBytes(page[(slot + LinksSlot.Length)..]);
        this.text = text;
        this.markdown = markdown;
        this.json = json;
        Text = new Resource(text);
        Markdown = new Resource(markdown);
        Json = new Resource(json);
        assembled = ("", Assemble(""));
        IdentityBytes = pageBefore.Length + pageAfter.Length + text.Body.Length + markdown.Body.Length + json.Body.Length;
    }

    /// <summary>The page's URL as last put together (without links until a snapshot asks): the HTML page first, the other forms by content negotiation.</summary>
    public Resource Page { get { lock (gate) return assembled.Page; } }

    public Resource Text { get; }

    public Resource Markdown { get; }

    public Resource Json { get; }

    /// <summary>The bytes of the four bodies uncompressed, the page without its links.</summary>
    public long IdentityBytes { get; }

    /// <summary>The bytes of the page without its links.</summary>
    public long PageBytes => pageBefore.Length + pageAfter.Length;

    /// <summary>The resource of one form; the page as last put together.</summary>
    public Resource Of(ArticleForm form) => form switch
    {
        ArticleForm.Text => Text,
        ArticleForm.Markdown => Markdown,
        ArticleForm.Json => Json,
        _ => Page,
    };

    /// <summary>The resource of one form, the page with <paramref name="links"/> (HTML, empty for none) where they go.</summary>
    public Resource Of(ArticleForm form, string links) => form == ArticleForm.Page ? PageWith(links) : Of(form);

    /// <summary>
    /// The page with these links: the one last put together when its links were the same (its compressed copies with it),
    /// else a new one. Putting it together copies bytes; nothing is rendered again.
    /// </summary>
    public Resource PageWith(string links) => PageWith(links, 0);

    /// <summary>As <see cref="PageWith(string)"/>, remembering the URL table <paramref name="table"/> it was put together for.</summary>
    public Resource PageWith(string links, long table)
    {
        lock (gate)
        {
            if (!string.Equals(assembled.Links, links, StringComparison.Ordinal))
                assembled = (links, Assemble(links));
            assembledFor = table;
            return assembled.Page;
        }
    }

    /// <summary>The page as last put together, when that was for the URL table <paramref name="table"/>; else null.</summary>
    public Resource? PageFor(long table)
    {
        lock (gate)
            return assembledFor == table ? assembled.Page : null;
    }

    private Resource Assemble(string links)
    {
        var linkBytes = Encoding.UTF8.GetBytes(links);
        var page = new byte[pageBefore.Length + linkBytes.Length + pageAfter.Length];
        pageBefore.CopyTo(page, 0);
        linkBytes.CopyTo(page, pageBefore.Length);
        pageAfter.CopyTo(page, pageBefore.Length + linkBytes.Length);
        return new Resource([new Representation(HtmlType, page), text, markdown, json]);
    }

    /// <param name="pagePath">The page's own path, which its canonical URL names.</param>
    /// <param name="translations">The article's versions in other languages, itself included, which its page links.</param>
    public static async Task<ArticleRendition> RenderAsync(ParsedArticle article, string origin, string pagePath, SiteIdentity site, IReadOnlyList<Translation>? translations = null)
    {
        var canonicalUrl = origin + pagePath;
        // An article that names no language of its own, in no language folder, is in the site's.
        if (article.Metadata.Language is null)
            article = article with { Article = article.Article with { Metadata = article.Metadata with { Language = site.Language } } };
        return new(
            page: await PageRenderer.RenderAsync(article, canonicalUrl, site, translations: translations, linksSlot: new HtmlString(LinksSlot)),
            text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)),
            markdown: Representation.FromText("text/markdown; charset=utf-8", MarkdownForm.Render(article)),
            json: new Representation("application/json", JsonRenderer.Render(article, canonicalUrl)));
    }
}

/// <summary>The forms an article is served in, each at a URL of its own.</summary>
internal enum ArticleForm
{
    Page,
    Text,
    Markdown,
    Json,
}
