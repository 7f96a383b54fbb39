using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// The Native AOT binary, which runs without ICU, writes each language's dates as the Debug build does: month names and
/// patterns come from the embedded language files. Uses the publish named by <c>ARTICLESITE_PUBLISHED</c> (CI makes one).
/// </summary>
public sealed class NativeAotLanguageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_native_binary_writes_dates_in_each_articles_language()
    {
        if (Environment.GetEnvironmentVariable("ARTICLESITE_PUBLISHED") is not { Length: > 0 } published)
        {
            Assert.Skip("ARTICLESITE_PUBLISHED names no Native AOT publish folder (.ci/run makes one)");
            return;
        }
        using var content = new TemporaryContentFolder();
        var languages = new[] { ("ko", "2025년 11월 1일"), ("ar", "1 نوفمبر 2025"), ("de", "1. November 2025"), ("ja", "2025年11月1日"), ("fr", "1er novembre 2025"), ("es", "1 de noviembre de 2025") };
        foreach (var (language, _) in languages)
            content.Write($"{language}.md", Article(language, "2025-11-01", "Body.", $"lang: {language}\n"));
        await using var site = SiteProcess.StartExecutable(Path.Combine(published, "ArticleSite"), content.Path, "--content", content.Path);
        using var client = await site.ClientAsync();

        var shown = new List<(string, string)>();
        foreach (var (language, _) in languages)
        {
            var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync($"/articles/{language}", Cancel), Cancel);
            shown.Add((language, page.QuerySelector("header .byline time")!.TextContent));
        }

        Assert.Equal(languages, shown);
    }
}
