using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>The resources of one article, rendered for one public origin: its page (which offers every form by negotiation), text, Markdown and JSON.</summary>
public sealed class ArticleRendition
{
    private ArticleRendition(Representation page, Representation text, Representation markdown, Representation json)
    {
        Page = new Resource([page, text, markdown, json]);
        Text = new Resource(text);
        Markdown = new Resource(markdown);
        Json = new Resource(json);
        IdentityBytes = page.Body.Length + text.Body.Length + markdown.Body.Length + json.Body.Length;
    }

    /// <summary>The page's URL: the HTML page first, the other forms by content negotiation.</summary>
    public Resource Page { get; }

    public Resource Text { get; }

    public Resource Markdown { get; }

    public Resource Json { get; }

    /// <summary>The bytes of the four bodies uncompressed.</summary>
    public long IdentityBytes { get; }

    /// <summary>The resource of one form.</summary>
    public Resource Of(ArticleForm form) => form switch
    {
        ArticleForm.Text => Text,
        ArticleForm.Markdown => Markdown,
        ArticleForm.Json => Json,
        _ => Page,
    };

    /// <param name="pagePath">The page's own path, which its canonical URL names.</param>
    /// <param name="translations">The article's versions in other languages, itself included, which its page links.</param>
    public static async Task<ArticleRendition> RenderAsync(ParsedArticle article, string origin, string pagePath, SiteIdentity site, IReadOnlyList<Translation>? translations = null)
    {
        var canonicalUrl = origin + pagePath;
        // An article that names no language of its own, in no language folder, is in the site's.
        if (article.Metadata.Language is null)
            article = article with { Article = article.Article with { Metadata = article.Metadata with { Language = site.Language } } };
        return new(
            page: Representation.FromText("text/html; charset=utf-8", await PageRenderer.RenderAsync(article, canonicalUrl, site, translations: translations)),
            text: Representation.FromText("text/plain; charset=utf-8", PlainTextRenderer.Render(article)),
            markdown: Representation.FromText("text/markdown; charset=utf-8", MarkdownForm.Render(article)),
            json: new Representation("application/json", JsonRenderer.Render(article, canonicalUrl)));
    }
}

/// <summary>The forms an article is served in, each at a URL of its own.</summary>
public enum ArticleForm
{
    Page,
    Text,
    Markdown,
    Json,
}
