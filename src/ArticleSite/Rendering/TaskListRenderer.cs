using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace ArticleSite.Rendering;

/// <summary>
/// Renders a task list item's box as a ballot box character, checked or not: read-only by nature, and the same
/// character in every form of the article, where a disabled form control would need a label and would not survive
/// the raw HTML sanitizer.
/// </summary>
internal sealed class TaskListRenderer : HtmlObjectRenderer<TaskList>
{
    public const string Done = "☑";

    public const string NotDone = "☐";

    protected override void Write(HtmlRenderer renderer, TaskList task) =>
        renderer.Write("<span class=\"task\">").Write(task.Checked ? Done : NotDone).Write("</span>");
}
