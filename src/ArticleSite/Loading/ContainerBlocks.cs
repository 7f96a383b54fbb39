using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace ArticleSite.Loading;

/// <summary>
/// markdown-it's containers (<c>:::note</c> … <c>:::</c>), blocks only: Markdig's extension would also read
/// <c>::text::</c> inside a paragraph as a span, which prose about C++ (<c>std::vector::size</c>) writes. Rendered by
/// Rendering/NoteRenderer.
/// </summary>
internal sealed class ContainerBlocks : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<CustomContainerParser>())
            pipeline.BlockParsers.InsertBefore<FencedCodeBlockParser>(new CustomContainerParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
