using System.Text.Encodings.Web;
using System.Text.Unicode;
using ArticleSite.Loading;
using ArticleSite.Rendering.Slices;
using Markdig.Renderers;
using Microsoft.AspNetCore.Html;
using RazorSlices;

namespace ArticleSite.Rendering;

/// <summary>Renders the HTML page of an article: the Markdig body inside the page template.</summary>
public static class PageRenderer
{
    // Encodes what HTML needs encoded and keeps the reporter's characters (“ ” ‘ ’ – —) as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly HtmlString Stylesheet = new(ReadStylesheet());

    public static async Task<string> RenderAsync(Article article)
    {
        var model = new ArticlePageModel(article, new HtmlString(RenderBody(article)), Stylesheet);
        // Named explicitly: the slice's own RenderAsync overloads write to a pipe, this one returns the string.
        return await RazorSliceStringBuilderExtensions.RenderAsync(ArticlePage.Create(model), Encoder);
    }

    /// <summary>The article body alone, as HTML (for the page and the feed).</summary>
    public static string RenderBody(Article article)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        ArticleMarkdown.Pipeline.Setup(renderer);
        renderer.Render(article.Document);
        return writer.ToString();
    }

    private static string ReadStylesheet()
    {
        using var stream = typeof(PageRenderer).Assembly.GetManifestResourceStream("site.css")
            ?? throw new InvalidOperationException("site.css is not embedded in the assembly");
        return new StreamReader(stream).ReadToEnd();
    }
}
