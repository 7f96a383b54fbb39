using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using AngleSharp.Html.Parser;
using ArticleSite.Loading;

namespace ArticleSite.Rendering;

/// <summary>Renders the Atom feed: one entry for each of the newest articles, with its full HTML body; every date is one the articles declare.</summary>
internal static class FeedRenderer
{
    /// <summary>
    /// Entries in the feed: the newest articles only, as Hugo's and Jekyll's feeds carry 10 to 20. A reader polls the feed
    /// every few hours and needs only what appeared since; every article's full body would make it grow without end.
    /// </summary>
    public const int Length = 20;

    /// <param name="allArticles">Every article, newest first; the feed carries the first <see cref="Length"/>.</param>
    /// <param name="tag">The tag whose articles these are, for its own feed; null for the site's feed.</param>
    public static byte[] Render(IReadOnlyList<Article> allArticles, string origin, SiteIdentity? site = null, Tag? tag = null)
    {
        site ??= SiteIdentity.Default;
        IReadOnlyList<Article> articles = [.. allArticles.Take(Length)];
        var home = new Uri(origin + (tag is null ? SiteRoutes.Home : SiteRoutes.TagPage(tag.Slug)));
        var lead = articles[0].Metadata;
        var title = tag is null ? site.Name : $"{site.Name} · {tag.Name}";
        var feed = new SyndicationFeed(title, site.Description ?? lead.Summary, home, home.AbsoluteUri, articles.Max(article => article.LastModified))
        {
            Language = lead.Language ?? site.Language,
            Items = articles.Select(article => Entry(article, origin, site.Language)).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(origin + (tag is null ? SiteRoutes.Feed : SiteRoutes.TagFeed(tag.Slug))), "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = lead.Source ?? site.Name });

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        return stream.ToArray();
    }

    // An entry's id is its article's permanent URL, so a feed reader never shows it twice.
    private static SyndicationItem Entry(Article article, string origin, string siteLanguage)
    {
        var metadata = article.Metadata;
        var url = new Uri(origin + SiteRoutes.ArticlePage(metadata.Slug));
        var body = WithAbsoluteUrls(PageRenderer.RenderBody(article.Parse(), metadata.Language ?? siteLanguage), url);
        var entry = new SyndicationItem(metadata.Title, SyndicationContent.CreateHtmlContent(body), url, url.AbsoluteUri, article.LastModified)
        {
            Summary = new TextSyndicationContent(metadata.Summary),
            PublishDate = metadata.Date.Instant,
        };
        foreach (var author in metadata.Authors.Count > 0 ? metadata.Authors : metadata.Source is { } source ? [new Person(source)] : [])
            entry.Authors.Add(new SyndicationPerson { Name = author.Name, Uri = author.Url });
        foreach (var tag in metadata.Tags)
            entry.Categories.Add(new SyndicationCategory(tag));
        return entry;
    }

    /// <summary>
    /// The body with every link and picture URL made absolute against the article's page: a feed reader shows the entry
    /// away from the site, where a relative URL (a picture beside the article, a footnote's #fn:1) would lead nowhere.
    /// </summary>
    private static string WithAbsoluteUrls(string bodyHtml, Uri page)
    {
        using var document = Parser.ParseDocument("<!DOCTYPE html><body>" + bodyHtml);
        var changed = false;
        foreach (var element in document.Body!.QuerySelectorAll("[href], [src]"))
        {
            foreach (var name in (string[])["href", "src"])
            {
                if (element.GetAttribute(name) is { } value && Uri.TryCreate(page, value, out var absolute) && absolute.AbsoluteUri != value)
                {
                    element.SetAttribute(name, absolute.AbsoluteUri);
                    changed = true;
                }
            }
        }
        // A picture's variants (<source srcset="/media/… 480w, …">): each candidate's URL, before its width.
        foreach (var source in document.Body.QuerySelectorAll("source[srcset]"))
        {
            var candidates = source.GetAttribute("srcset")!.Split(", ").Select(candidate => candidate.Split(' ', 2))
                .Select(parts => Uri.TryCreate(page, parts[0], out var absolute) ? string.Join(' ', [absolute.AbsoluteUri, .. parts[1..]]) : string.Join(' ', parts));
            source.SetAttribute("srcset", string.Join(", ", candidates));
            changed = true;
        }
        return changed ? document.Body.InnerHtml : bodyHtml;
    }

    private static readonly HtmlParser Parser = new();
}
