using ArticleSite.Media;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>Pictures in Chromium: the page does not move while they load, and an SVG's script never runs, even opened by itself.</summary>
public sealed class MediaBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IDisposable
{
    private const string ScriptRanTitle = "svg script ran";

    private readonly TemporaryContentFolder content = CreateContent();

    private static readonly byte[] Svg = System.Text.Encoding.UTF8.GetBytes(TestPictures.SvgWithScript);

    private static TemporaryContentFolder CreateContent()
    {
        var folder = new TemporaryContentFolder();
        folder.WriteBytes("photo.jpg", TestPictures.Jpeg(2400, 1600, orientation: 6));
        folder.WriteBytes("chart.png", TestPictures.Png(1200, 700));
        folder.WriteBytes("logo.svg", Svg);
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 6).Select(number => $"Paragraph {number} of the report, long enough to take a line or two on a phone."));
        folder.Write("alpha.md", Article("Alpha", "2025-11-01",
            $"The leaders met.\n\n![Leaders](photo.jpg)\n\n{paragraphs}\n\n![Chart](chart.png)\n\n{paragraphs}\n\n![Logo](logo.svg)\n\nThe end."));
        return folder;
    }

    [Fact]
    public async Task Nothing_on_the_page_moves_while_its_pictures_load()
    {
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        // The page's policy forbids the probe's script; it does not change the layout.
        var page = await chromium.OpenAsync(390, 844, bypassCsp: true);
        await page.GotoAsync(new Uri(site.CreateClient().BaseAddress!, "/articles/alpha").AbsoluteUri);

        var shift = await BrowserScripts.ShiftOnceArticleImagesLoadAsync(page);

        Assert.Equal(3, await page.EvaluateAsync<int>("() => document.images.length"));
        // Chromium shows the photo upright (Exif orientation 6): whichever copy it chose, it is half again as tall as wide.
        Assert.Equal(1.5, await page.EvaluateAsync<double>("() => document.images[0].naturalHeight / document.images[0].naturalWidth"), 0.01);
        Assert.Equal(0, shift);
    }

    [Fact]
    public async Task Chromium_chooses_the_avif_of_the_width_the_column_needs_once_it_is_made()
    {
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        await site.Services.GetRequiredService<PictureVariants>().WhenIdle.WaitAsync(TestContext.Current.CancellationToken);
        var baseAddress = site.CreateClient().BaseAddress!;
        // 1280 pixels wide at one pixel per CSS pixel: the 39.5rem column needs 632 pixels, the 960 copy is the first as wide.
        var page = await chromium.OpenAsync(1280, 900);
        var types = new Dictionary<string, string>();
        page.Response += (_, response) =>
        {
            lock (types) types[response.Url] = response.Headers["content-type"];
        };

        await page.GotoAsync(new Uri(baseAddress, "/articles/alpha").AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.images[0].complete");

        var photo = await File.ReadAllBytesAsync(Path.Combine(content.Path, "photo.jpg"), TestContext.Current.CancellationToken);
        var chosen = new Uri(baseAddress, TestPictures.MediaUrl(photo, "photo-960.avif")).AbsoluteUri;
        Assert.Equal(chosen, await page.EvaluateAsync<string>("() => document.images[0].currentSrc"));
        Assert.Equal((632, 948), (await page.EvaluateAsync<int>("() => document.images[0].width"), await page.EvaluateAsync<int>("() => document.images[0].height")));
        lock (types)
            Assert.Equal("image/avif", types[chosen]);
    }

    [Fact]
    public async Task An_svgs_script_never_runs_in_the_page_or_opened_by_itself()
    {
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var baseAddress = site.CreateClient().BaseAddress!;
        var page = await chromium.OpenAsync(1280, 900);

        await page.GotoAsync(new Uri(baseAddress, "/articles/alpha").AbsoluteUri);
        await page.Locator("img[alt='Logo']").ScrollIntoViewIfNeededAsync();
        Assert.NotEqual(ScriptRanTitle, await page.TitleAsync());

        var response = await page.GotoAsync(new Uri(baseAddress, TestPictures.MediaUrl(Svg, "logo.svg")).AbsoluteUri);
        Assert.Equal("image/svg+xml", response!.Headers["content-type"]);
        Assert.Equal(Svg, await response.BodyAsync());
        Assert.NotEqual(ScriptRanTitle, await page.TitleAsync());
    }

    public void Dispose() => content.Dispose();
}
