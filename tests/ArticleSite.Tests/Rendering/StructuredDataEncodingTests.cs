using System.Text.Json;
using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>A hostile title cannot end the JSON-LD block and inject markup or script.</summary>
public sealed class StructuredDataEncodingTests : IDisposable
{
    private const string HostileTitle = "Breaking </script><script>alert('x')</script> & <!-- news";

    private readonly TemporaryContentFolder content = new();

    private readonly ArticleSiteFactory site;

    public StructuredDataEncodingTests()
    {
        content.Write("hostile-title.md", $"""
            ---
            title: "{HostileTitle.Replace("\\", "\\\\", StringComparison.Ordinal)}"
            summary: "A summary </SCRIPT > too"
            date: 2025-11-03
            ---

            A body paragraph.
            """);
        site = new ArticleSiteFactory { ContentFolder = content.Path };
    }

    [Fact]
    public async Task A_script_end_tag_in_the_title_stays_inside_the_JSON_LD_as_data()
    {
        var html = await site.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(html);

        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        using var json = JsonDocument.Parse(script.TextContent);
        Assert.Equal(HostileTitle, json.RootElement.GetProperty("headline").GetString());
        Assert.Equal("A summary </SCRIPT > too", json.RootElement.GetProperty("description").GetString());
        Assert.Equal(HostileTitle, page.QuerySelector("h1")?.TextContent);
    }

    public void Dispose()
    {
        site.Dispose();
        content.Dispose();
    }
}
