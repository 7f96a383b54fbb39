using System.Text.Json;
using ArticleSite.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ArticleSite.Tests;

/// <summary>
/// A Korean article and its Arabic translation, linked to each other, and the lists that mix them with English ones, in a real Chromium: axe, overflow,
/// right-to-left layout, entries that read as groups, and the Nu Html Checker.
/// </summary>
public sealed class LanguageBrowserTests(LanguageBrowserTests.Site site, ChromiumBrowser chromium) : IClassFixture<LanguageBrowserTests.Site>, IClassFixture<ChromiumBrowser>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A site of a Korean article, its Arabic translation and a dozen English articles, tagged.</summary>
    public sealed class Site : IAsyncDisposable
    {
        private readonly TemporaryContentFolder content = new();

        public Site()
        {
            content.Write("korean.md", """
                ---
                title: 경주 정상회의에서 무역 휴전 합의
                summary: 양국 정상이 밤샘 협상 끝에 관세 휴전에 합의했다.
                date: 2025-11-03T09:30:00+09:00
                lang: ko
                translationKey: trade-truce
                authors: [김민지, 이서준]
                tags: [경제, 외교]
                ---
                양국 정상은 경주에서 열린 정상회의에서 밤샘 협상 끝에 관세 휴전에 합의했다고 밝혔다. 이번 합의로 양국은 향후 1년간 추가 관세를 부과하지 않기로 했다.

                ## 합의 내용

                합의문에는 반도체와 자동차 부품에 대한 관세 유예가 포함됐다. 전문가들은 이번 합의가 시장 불안을 줄일 것으로 내다봤다.

                ## 향후 일정

                양국은 내년 봄 후속 회담을 열기로 했다.
                """);
            content.Write("arabic.md", """
                ---
                title: اتفاق على هدنة تجارية بعد محادثات طويلة
                summary: اتفق الزعيمان على هدنة في الرسوم الجمركية بعد مفاوضات استمرت طوال الليل.
                date: 2025-11-02T18:00:00+03:00
                lang: ar
                translationKey: trade-truce
                author: ليلى حسن
                tags: [اقتصاد]
                ---
                أعلن الزعيمان اتفاقهما على هدنة في الرسوم الجمركية بعد محادثات استمرت طوال الليل، وقالا إن الاتفاق يمنح الأسواق فرصة للاستقرار خلال العام المقبل.

                ## تفاصيل الاتفاق

                يشمل الاتفاق تعليق الرسوم على أشباه الموصلات وقطع غيار السيارات لمدة عام كامل.
                """);
            for (var day = 1; day <= 12; day++)
                content.Write($"english-{day}.md", TemporaryContentFolder.Article($"An English headline that is long enough to wrap on a phone, number {day}", $"2025-10-{day:00}",
                    "A paragraph of English body text.", "authors: [Ada Lovelace]\ntags: [economy]\n"));
            Factory = new ArticleSiteFactory { ContentFolder = content.Path };
        }

        public ArticleSiteFactory Factory { get; }

        public string Url(string path) => new Uri(Factory.CreateClient().BaseAddress!, path).AbsoluteUri;

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            content.Dispose();
        }
    }

    public static TheoryData<string, int> PagesAndWidths => new()
    {
        { "/articles/korean", 320 }, { "/articles/korean", 390 }, { "/articles/korean", 1280 },
        { "/articles/arabic", 320 }, { "/articles/arabic", 390 }, { "/articles/arabic", 1280 },
        { "/articles/", 320 }, { "/articles/", 1280 },
        { "/tags/", 390 },
        { "/no-such-page", 390 },
    };

    private async Task<IPage> OpenAsync(string path, int width, int height = 900)
    {
        var page = await chromium.OpenAsync(width, height);
        await page.GotoAsync(site.Url(path));
        return page;
    }

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Axe_finds_no_violation_and_nothing_overflows_the_width(string path, int width)
    {
        var page = await OpenAsync(path, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, $"language-{path.Trim('/').Replace('/', '-')}-{width}.png"), FullPage = true });

        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} — {string.Join(", ", violation.Nodes.Select(node => node.Html))}")));
        Assert.Equal(0, overflow);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_arabic_article_runs_right_to_left_from_the_right_edge(int width)
    {
        var page = await OpenAsync("/articles/arabic", width);

        var layout = await page.EvaluateAsync<JsonElement>("""
            () => {
              const paragraph = document.querySelector('article > p');
              const range = document.createRange();
              range.selectNodeContents(paragraph);
              const lines = [...range.getClientRects()];
              const box = paragraph.getBoundingClientRect();
              const heading = document.querySelector('h1').getBoundingClientRect();
              const main = document.querySelector('main').getBoundingClientRect();
              return {
                direction: getComputedStyle(paragraph).direction,
                headingDirection: getComputedStyle(document.querySelector('h1')).direction,
                firstLineRightGap: box.right - lines[0].right,
                lastLineLeftGap: lines[lines.length - 1].left - box.left,
                headingRightGap: main.right - heading.right,
                contentsPadding: getComputedStyle(document.querySelector('.section-menu ol')).paddingRight,
              };
            }
            """);

        Assert.Equal(("rtl", "rtl"), (layout.GetProperty("direction").GetString(), layout.GetProperty("headingDirection").GetString()));
        // The first line starts at the paragraph's right edge; the last, shorter one leaves its gap on the left.
        Assert.InRange(layout.GetProperty("firstLineRightGap").GetDouble(), -1, 1);
        Assert.True(layout.GetProperty("lastLineLeftGap").GetDouble() > 1, $"the last line ends short of the left edge: {layout}");
        Assert.InRange(layout.GetProperty("headingRightGap").GetDouble(), 0, 40);
        Assert.NotEqual("0px", layout.GetProperty("contentsPadding").GetString());
    }

    [Fact]
    public async Task Each_list_entry_groups_its_headline_date_and_summary_with_the_rule_between_entries()
    {
        var page = await OpenAsync("/articles/", 1280);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.OutputFolder, "list-1280.png"), FullPage = true });

        var entries = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.entry')].map(entry => {
              const box = element => element.getBoundingClientRect();
              const [e, h, t, s] = [box(entry), box(entry.querySelector('h2')), box(entry.querySelector('time')), box(entry.querySelector('p:last-child'))];
              return { top: e.top, bottom: e.bottom, headlineTop: h.top, headlineBottom: h.bottom, dateTop: t.top, dateBottom: t.bottom, summaryBottom: s.bottom,
                       rule: getComputedStyle(entry).borderTopStyle, timeInside: entry.contains(entry.querySelector('time')) };
            })
            """);

        var list = entries.EnumerateArray().ToList();
        Assert.Equal(14, list.Count);
        for (var index = 0; index < list.Count; index++)
        {
            var entry = list[index];
            Assert.True(entry.GetProperty("timeInside").GetBoolean());
            Assert.True(entry.GetProperty("headlineTop").GetDouble() >= entry.GetProperty("top").GetDouble() && entry.GetProperty("summaryBottom").GetDouble() <= entry.GetProperty("bottom").GetDouble(),
                $"entry {index} holds its headline and summary: {entry}");
            // The date sits right under its own headline, far closer to it than to the next entry's headline.
            var gapToOwn = entry.GetProperty("dateTop").GetDouble() - entry.GetProperty("headlineBottom").GetDouble();
            Assert.InRange(gapToOwn, 0, 12);
            if (index + 1 < list.Count)
                Assert.True(list[index + 1].GetProperty("headlineTop").GetDouble() - entry.GetProperty("dateBottom").GetDouble() > 3 * gapToOwn + 20, $"entry {index} date is close to the next headline: {entry}");
            Assert.Equal(index == 0 ? "none" : "solid", entry.GetProperty("rule").GetString());
        }
    }

    [Fact]
    public async Task The_korean_and_arabic_pages_and_their_lists_have_no_Nu_Html_Checker_errors()
    {
        var client = site.Factory.CreateClient();
        var pages = new Dictionary<string, byte[]>();
        foreach (var (path, name) in new[]
        {
            ("/articles/korean", "korean"), ("/articles/arabic", "arabic"), ("/", "front"), ("/articles/", "archive"),
            ("/tags/", "tags"), ("/tags/%EA%B2%BD%EC%A0%9C/", "tag-korean"), ("/tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/", "tag-arabic"),
        })
            pages[name] = await client.GetByteArrayAsync(path, Cancel);

        await NuHtmlChecker.AssertValidAsync(pages);
    }
}
