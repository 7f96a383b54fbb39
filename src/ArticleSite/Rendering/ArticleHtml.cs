using ArticleSite.Loading;
using ArticleSite.Media;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;

namespace ArticleSite.Rendering;

/// <summary>The HTML renderer of article bodies: the pipeline's own, with the site's renderers of headings, figures, tables, task lists and notes.</summary>
internal static class ArticleHtml
{
    /// <param name="media">The article's media files: each image is written at its file's URL, with its size.</param>
    /// <param name="language">The article's language, which labels its notes.</param>
    public static HtmlRenderer CreateRenderer(TextWriter writer, ResolvedMedia? media = null, string language = "en")
    {
        var renderer = new HtmlRenderer(writer);
        ArticleMarkdown.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new SelfLinkingHeadingRenderer());
        var images = new ImageRenderer(media ?? ResolvedMedia.None);
        renderer.ObjectRenderers.Replace<ParagraphRenderer>(new FigureRenderer(images));
        renderer.ObjectRenderers.Replace<HtmlTableRenderer>(new TableRenderer());
        renderer.ObjectRenderers.Replace<HtmlTaskListRenderer>(new TaskListRenderer());
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(images);
        // In the alert renderer's place, before the quotation renderer, which would take an alert for a quotation.
        renderer.ObjectRenderers.Replace<AlertBlockRenderer>(new NoteRenderer(PageWords.For(language)));
        return renderer;
    }
}
