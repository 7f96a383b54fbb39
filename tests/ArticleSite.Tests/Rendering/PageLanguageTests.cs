using AngleSharp.Html.Parser;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// An article's <c>lang</c> chooses the words its page says around it, and the site's language those of the archive and
/// tag pages. The expected words are each language's own conventions, written down here, not output of the site.
/// </summary>
public sealed class PageLanguageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The words an article page says, in the order a reader meets them.</summary>
    public sealed record Words(string Byline, string Date, string Updated, string ReadingTime, string Contents, string Credit, string PlainText, string? Direction);

    public static TheoryData<string, Words> Languages => new()
    {
        { "en", new("By Ada and Grace", "1 November 2025", "Updated", "1 min read", "In this article", "Source: example.org", "Read as plain text", null) },
        { "ko", new("글: Ada, Grace", "2025년 11월 1일", "수정", "1분 분량", "이 기사의 내용", "출처: example.org", "일반 텍스트로 읽기", null) },
        { "zh-Hans", new("作者：Ada和Grace", "2025年11月1日", "更新于", "阅读约需 1 分钟", "本文内容", "来源：example.org", "以纯文本阅读", null) },
        { "ja", new("著者：Ada、Grace", "2025年11月1日", "更新", "1分で読めます", "この記事の内容", "出典：example.org", "プレーンテキストで読む", null) },
        { "de", new("Von Ada und Grace", "1. November 2025", "Aktualisiert", "1 Min. Lesezeit", "In diesem Artikel", "Quelle: example.org", "Als reinen Text lesen", null) },
        { "fr", new("Par Ada et Grace", "1er novembre 2025", "Mis à jour le", "1 min de lecture", "Dans cet article", "Source : example.org", "Lire en texte brut", null) },
        { "es", new("Por Ada y Grace", "1 de noviembre de 2025", "Actualizado el", "1 min de lectura", "En este artículo", "Fuente: example.org", "Leer como texto sin formato", null) },
        { "ar", new("بقلم Ada وGrace", "1 نوفمبر 2025", "حُدّث في", "1 دقيقة للقراءة", "في هذا المقال", "المصدر: example.org", "اقرأ نصًا عاديًا", "rtl") },
        // A language without a file of its own is spoken about in English.
        { "pt-BR", new("By Ada and Grace", "1 November 2025", "Updated", "1 min read", "In this article", "Source: example.org", "Read as plain text", null) },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_articles_language_chooses_the_words_of_its_page(string language, Words expected)
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Title", "2025-11-01T09:30:00+09:00", "Body.\n\n## Part\n\nMore.",
            $"lang: {language}\nauthors: [Ada, Grace]\nupdated: 2025-12-24\nsource: example.org\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/a", Cancel), Cancel);
        var byline = page.QuerySelector("header .byline")!;

        Assert.Equal(expected, new Words(
            byline.QuerySelector(".authors")!.TextContent,
            byline.QuerySelectorAll("time")[0].TextContent,
            byline.QuerySelectorAll("time")[1].PreviousSibling!.TextContent.Trim(' ', '·'),
            byline.QuerySelector(".reading-time")!.TextContent,
            page.QuerySelector("#contents-title")!.TextContent,
            byline.QuerySelector(".credit")!.TextContent,
            page.QuerySelector(".site-footer a[href$='.txt']")!.TextContent,
            page.DocumentElement.GetAttribute("dir")));
        Assert.Equal(("2025-11-01T09:30:00+09:00", language), (byline.QuerySelector("time")!.GetAttribute("datetime"), page.DocumentElement.GetAttribute("lang")));
    }

    [Fact]
    public async Task The_plain_text_says_its_byline_in_the_articles_language()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("제목", "2025-11-01", "본문.", "lang: ko\nauthors: [Ada, Grace]\nupdated: 2025-12-24\nsource: example.org\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var text = await site.CreateClient().GetStringAsync("/articles/a.txt", Cancel);

        Assert.Equal("글: Ada, Grace · 2025년 11월 1일 · 수정 2025년 12월 24일 · 출처: example.org", text.Split("\n\n")[2]);
    }

    public static TheoryData<string, string, string> Dates => new()
    {
        { "en", "2025-03-02", "2 March 2025" },
        { "ko", "2025-03-02", "2025년 3월 2일" },
        { "zh", "2025-12-31", "2025年12月31日" },
        { "ja", "2025-07-15", "2025年7月15日" },
        { "de", "2025-03-02", "2. März 2025" },
        { "fr", "2025-08-02", "2 août 2025" },
        { "fr", "2025-08-01", "1er août 2025" },
        { "es", "2025-02-14", "14 de febrero de 2025" },
        { "ar", "2025-05-09", "9 مايو 2025" },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task Each_language_writes_the_date_its_own_way(string language, string date, string shown)
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Title", date, "Body.", $"lang: {language}\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/a", Cancel), Cancel);

        Assert.Equal(shown, page.QuerySelector("header .byline time")?.TextContent);
    }

    public static TheoryData<string, string, string> ReadingTimes => new()
    {
        // 1,000 words at 230 a minute: 4.3, so 5 minutes.
        { "en", string.Join(' ', Enumerable.Repeat("word", 1000)), "5 min read" },
        // 1,000 Hangul syllables at 400 characters a minute: 2.5, so 3 minutes, though they make only 100 spaced words.
        { "ko", string.Join(' ', Enumerable.Repeat("한국어로쓴기사입니다", 100)), "3분 분량" },
        // 1,200 Han characters without a space at 400 a minute: 3 minutes, not the 1 minute a count of spaced words gives.
        { "zh", string.Concat(Enumerable.Repeat("这是一个中文句子。", 150)), "阅读约需 3 分钟" },
        { "ja", string.Concat(Enumerable.Repeat("これは日本語の文です。", 120)), "3分で読めます" },
    };

    [Theory]
    [MemberData(nameof(ReadingTimes))]
    public async Task Reading_time_counts_characters_for_chinese_japanese_and_korean_and_words_for_the_rest(string language, string body, string shown)
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("T", "2025-11-01", body, $"lang: {language}\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };

        var page = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/a", Cancel), Cancel);

        Assert.Equal(shown, page.QuerySelector(".reading-time")?.TextContent);
    }

    [Fact]
    public async Task The_archive_speaks_the_sites_language_and_each_entry_its_own_with_its_own_direction()
    {
        using var content = new TemporaryContentFolder();
        content.Write("ko.md", Article("기사", "2025-11-02", "본문.", "lang: ko\n"));
        content.Write("ar.md", Article("مقال", "2025-11-01", "نص.", "lang: ar\n"));
        content.Write("de.md", Article("Artikel", "2025-10-31", "Text.", "lang: de\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Settings = new Dictionary<string, string> { ["Site:Language"] = "de" } };

        var archive = await new HtmlParser().ParseDocumentAsync(await site.CreateClient().GetStringAsync("/articles/", Cancel), Cancel);

        Assert.Equal(("de", "Alle Artikel · ArticleSite", "Alle Artikel"), (archive.DocumentElement.GetAttribute("lang"), archive.Title, archive.QuerySelector("h1")?.TextContent));
        Assert.Equal(
            [("ko", "ltr", "2025년 11월 2일 · 1분 분량"), ("ar", "rtl", "1 نوفمبر 2025 · 1 دقيقة للقراءة"), (null, null, "31. Oktober 2025 · 1 Min. Lesezeit")],
            archive.QuerySelectorAll(".entry").Select(entry => (entry.GetAttribute("lang"), entry.GetAttribute("dir"), entry.QuerySelector(".entry-line")!.TextContent)));
    }
}
