using System.Text.Json;
using AngleSharp.Html.Parser;
using ArticleSite.Loading;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Each article in its own language: its <c>lang</c>, else the language folder a multilingual Hugo site keeps it in
/// (<c>ja/</c>, <c>zh-cn/</c>), else the site's. The page's words, dates, lang, reading time and the text's byline follow it.
/// </summary>
public sealed class ArticleLanguageFolderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ja/a.md", "ja")]
    [InlineData("zh-cn/posts/a.md", "zh-cn")]
    [InlineData("de-AT/a.md", "de-AT")]
    [InlineData("posts/a.md", null)]
    [InlineData("pt/a.md", null)] // a tag the site has no words for is an ordinary folder
    [InlineData("ja.md", null)]
    public void A_top_folder_named_by_a_language_the_site_speaks_gives_its_language(string path, string? language) =>
        Assert.Equal(language, ArticleParser.Parse("---\ntitle: T\ndate: 2025-11-01\n---\n\nBody.\n", path).Metadata.Language);

    [Fact]
    public void The_lang_field_wins_over_the_folder() =>
        Assert.Equal("ko", ArticleParser.Parse("---\ntitle: T\ndate: 2025-11-01\nlang: ko\n---\n\nBody.\n", "ja/a.md").Metadata.Language);

    [Fact]
    public async Task An_article_without_lang_is_in_the_sites_language()
    {
        using var content = new TemporaryContentFolder();
        content.Write("site.yaml", "language: ja\n");
        content.Write("a.md", Article("記事", "2021-05-20", "本文です。", "author: 山田太郎\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/a", Cancel));
        var text = await client.GetStringAsync("/articles/a.txt", Cancel);

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("2021年5月20日", page.QuerySelector(".byline time")!.TextContent);
        Assert.Equal("1分で読めます", page.QuerySelector(".byline .reading-time")!.TextContent);
        Assert.Contains("\n著者：山田太郎 · 2021年5月20日\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_in_a_language_folder_publishes_beside_the_original_in_its_own_language()
    {
        using var content = HelloAndItsJapaneseTranslation();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var health = await Health.GetAsync(client);
        var original = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/hello", Cancel));
        var translation = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/ja-hello", Cancel));

        Assert.Equal(("Healthy", 2), (health.Status, health.Articles));
        Assert.Equal(("en", "20 May 2021"), (original.DocumentElement.GetAttribute("lang"), original.QuerySelector(".byline time")!.TextContent));
        Assert.Equal(("ja", "2021年5月20日"), (translation.DocumentElement.GetAttribute("lang"), translation.QuerySelector(".byline time")!.TextContent));
    }

    [Fact]
    public async Task Translations_link_each_other_with_absolute_hreflang_alternates_and_a_list_in_the_pages_language()
    {
        using var content = HelloAndItsJapaneseTranslation();
        content.Write("hallo.md", Article("Hallo", "2021-05-20", "Die Übersetzung.", "lang: de\ntranslationKey: hello\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var original = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/hello", Cancel));
        var translation = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/ja-hello", Cancel));

        string[] alternates = [$"de {origin}/articles/hallo", $"en {origin}/articles/hello", $"ja {origin}/articles/ja-hello", $"x-default {origin}/articles/hello"];
        foreach (var page in new[] { original, translation })
        {
            Assert.Equal(alternates, page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(link => $"{link.GetAttribute("hreflang")} {link.GetAttribute("href")}"));
        }
        Assert.Equal("他の言語で読む: Deutsch (de, /articles/hallo), English (en, /articles/hello)", ListOf(translation));
        Assert.Equal("In other languages: Deutsch (de, /articles/hallo), 日本語 (ja, /articles/ja-hello)", ListOf(original));
        using var originalData = JsonDocument.Parse(original.QuerySelector("script[type='application/ld+json']")!.TextContent);
        using var translationData = JsonDocument.Parse(translation.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(
            $$"""[{"@type":"NewsArticle","url":"{{origin}}/articles/hallo","inLanguage":"de"},{"@type":"NewsArticle","url":"{{origin}}/articles/ja-hello","inLanguage":"ja"}]""",
            originalData.RootElement.GetProperty("workTranslation").GetRawText());
        Assert.Equal($$"""{"@type":"NewsArticle","url":"{{origin}}/articles/hello","inLanguage":"en"}""", translationData.RootElement.GetProperty("translationOfWork").GetRawText());
    }

    [Fact]
    public async Task A_translation_added_later_is_linked_from_the_page_already_read_and_articles_sharing_a_language_are_not_translations()
    {
        using var content = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "2023"));
        Directory.CreateDirectory(Path.Combine(content.Path, "2024"));
        content.Write("2023/day.md", Article("Day 2023", "2023-05-20", "One."));
        content.Write("2024/day.md", Article("Day 2024", "2024-05-20", "Two."));
        content.Write("hello.md", Article("Hello", "2021-05-20", "The original."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Null(new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/hello", Cancel)).QuerySelector(".translations"));

        Directory.CreateDirectory(Path.Combine(content.Path, "ko"));
        content.Write("ko/hello.md", Article("안녕하세요", "2021-05-20", "번역입니다."));
        var original = await Eventually.GetAsync(
            async () => new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/hello", Cancel)),
            page => page.QuerySelector(".translations") is not null, "the original to link its new translation");

        Assert.Equal("In other languages: 한국어 (ko, /articles/ko-hello)", ListOf(original));
        var day = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/day", Cancel));
        Assert.Null(day.QuerySelector(".translations"));
        Assert.Empty(day.QuerySelectorAll("link[hreflang]"));
    }

    [Fact]
    public async Task The_leads_page_links_its_translations_when_the_front_page_was_asked_for_first()
    {
        using var content = HelloAndItsJapaneseTranslation();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var front = new HtmlParser().ParseDocument(await client.GetStringAsync("/", Cancel));
        var lead = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/hello", Cancel));

        Assert.Equal("Hello", front.QuerySelector("h1")!.TextContent);
        Assert.Equal("In other languages: 日本語 (ja, /articles/ja-hello)", ListOf(lead));
    }

    [Fact]
    public async Task An_edit_of_a_translations_text_keeps_the_link_and_an_edit_of_its_key_removes_it()
    {
        using var content = HelloAndItsJapaneseTranslation();
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();
        Assert.Equal("In other languages: 日本語 (ja, /articles/ja-hello)", ListOf(await PageAsync(client, "hello")));

        content.Write("ja/hello.md", Article("こんにちは", "2021-05-20", "新しい翻訳です。"));
        await Eventually.GetAsync(() => client.GetStringAsync("/articles/ja-hello.txt", Cancel), text => text.Contains("新しい翻訳です。", StringComparison.Ordinal), "the edited translation to be published");
        Assert.Equal("In other languages: 日本語 (ja, /articles/ja-hello)", ListOf(await PageAsync(client, "hello")));

        content.Write("ja/hello.md", Article("こんにちは", "2021-05-20", "新しい翻訳です。", "translationKey: another\n"));
        var original = await Eventually.GetAsync(() => PageAsync(client, "hello"), page => page.QuerySelector(".translations") is null, "the original to stop linking its former translation");

        Assert.Empty(original.QuerySelectorAll("link[hreflang]"));
    }

    [Fact]
    public async Task A_set_with_two_articles_in_one_language_written_in_different_cases_links_none_of_its_articles()
    {
        using var content = new TemporaryContentFolder();
        content.Write("a.md", Article("Olá", "2021-05-20", "Um.", "lang: pt-BR\ntranslationKey: greeting\n"));
        content.Write("b.md", Article("Oi", "2021-05-21", "Dois.", "lang: pt-br\ntranslationKey: greeting\n"));
        content.Write("c.md", Article("Hallo", "2021-05-22", "Drei.", "lang: de\ntranslationKey: greeting\n"));
        content.Write("d.md", Article("Hello", "2021-05-23", "Four.", "translationKey: other\n"));
        content.Write("e.md", Article("Bonjour", "2021-05-24", "Cinq.", "lang: fr\ntranslationKey: other\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var pages = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        foreach (var slug in new[] { "a", "b", "c" })
            pages.Add(new HtmlParser().ParseDocument(await client.GetStringAsync($"/articles/{slug}", Cancel)));
        var linked = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/d", Cancel));

        Assert.All(pages, page => Assert.Null(page.QuerySelector(".translations")));
        Assert.All(pages, page => Assert.Empty(page.QuerySelectorAll("link[hreflang]")));
        Assert.Equal("In other languages: Français (fr, /articles/e)", ListOf(linked));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string slug) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync($"/articles/{slug}", Cancel));

    /// <summary>hello.md, and its translation in the ja/ folder under the same name.</summary>
    private static TemporaryContentFolder HelloAndItsJapaneseTranslation()
    {
        var content = new TemporaryContentFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "ja"));
        content.Write("hello.md", Article("Hello", "2021-05-20", "The original."));
        content.Write("ja/hello.md", Article("こんにちは", "2021-05-20", "翻訳です。"));
        return content;
    }

    /// <summary>The page's list of translations: its label, then each link's text, language and address.</summary>
    private static string ListOf(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var list = page.QuerySelector("nav.translations")!;
        return $"{list.QuerySelector("#translations-title")!.TextContent}: " + string.Join(", ", list.QuerySelectorAll("a")
            .Select(link => $"{link.TextContent} ({link.GetAttribute("lang")}, {link.GetAttribute("href")})"));
    }
}
