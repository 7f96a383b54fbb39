using ArticleSite.Loading;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace ArticleSite.Rendering;

/// <summary>The HTML renderer of article bodies: the pipeline's own, with the site's renderers of headings, figures, tables and task lists.</summary>
public static class ArticleHtml
{
    public static HtmlRenderer CreateRenderer(TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        ArticleMarkdown.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new SelfLinkingHeadingRenderer());
        renderer.ObjectRenderers.Replace<ParagraphRenderer>(new FigureRenderer());
        renderer.ObjectRenderers.Replace<HtmlTableRenderer>(new TableRenderer());
        renderer.ObjectRenderers.Replace<HtmlTaskListRenderer>(new TaskListRenderer());
        return renderer;
    }
}
