using System.Globalization;
using System.Net;
using System.Text.Json;
using ArticleSite.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ArticleSite.Tests;

/// <summary>
/// /search over an archive in English, Korean, Chinese, Japanese and Arabic: the exact articles found, in order, for
/// words, prefixes, phrases, accents and two-character CJK words; drafts and embargoed articles never; an edit found and a
/// deleted article gone once published; hostile queries answered without a 5xx; the page itself without script.
/// </summary>
public sealed class SearchTests(SearchTests.Archive archive) : IClassFixture<SearchTests.Archive>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The archive in its own content folder, on the fake clock, once its index holds every article.</summary>
    public sealed class Archive : IAsyncLifetime
    {
        public TemporaryContentFolder Content { get; } = new();

        public FakeTimeProvider Clock { get; } = new(Now);

        public ArticleSiteFactory Site { get; private set; } = null!;

        public HttpClient Client => Site.CreateClient();

        /// <summary>An archive of the test's own, for a test that edits it or moves its clock on.</summary>
        public static async Task<Archive> StartAsync()
        {
            var own = new Archive();
            await own.InitializeAsync();
            return own;
        }

        public async ValueTask InitializeAsync()
        {
            WriteArchive(Content);
            Site = new ArticleSiteFactory { ContentFolder = Content.Path, Clock = Clock };
            await WhenIndexedAsync(Client, "lighthouses", "twin-older");
        }

        public async ValueTask DisposeAsync()
        {
            await Site.DisposeAsync();
            Content.Dispose();
        }
    }

    /// <summary>The fake clock's now: Saturday 1 November 2025, 12:00 in UTC.</summary>
    private static readonly DateTimeOffset Now = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Article(string title, string date, string body, string more = "") =>
        $"---\ntitle: {title}\nsummary: About {title}.\ndate: {date}\n{more}---\n\n{body}\n";

    /// <summary>The archive every test searches, written into <paramref name="content"/>.</summary>
    private static void WriteArchive(TemporaryContentFolder content)
    {
        content.Write("gyeongju.md", Article("Leaders meet in Gyeongju", "2025-10-31", "The summit ended with a joint statement on trade.", "tags: [korea]\nauthors: [Kim Min-ji]\n"));
        content.Write("capital.md", Article("A history of the old capital", "2024-01-01", "Gyeongju was the capital of Silla for a thousand years."));
        content.Write("cafe.md", Article("Café culture returns to São Paulo", "2025-10-20", "Economists say the économie of cafés grew this year."));
        content.Write("seoul.md", Article("서울 시장 선거", "2025-10-29", "북한은 오늘 미사일을 발사했다. 경제 회복이 기대된다.", "lang: ko\n"));
        content.Write("beijing.md", Article("北京大学发布新报告", "2025-10-28", "中国经济在第三季度增长。", "lang: zh\n"));
        content.Write("tokyo.md", Article("東京タワーの夜景", "2025-10-27", "東京都は新しい計画を発表した。", "lang: ja\n"));
        content.Write("cairo.md", Article("القاهرة تستضيف قمة", "2025-10-26", "اجتمع القادة في القاهرة لمناقشة الاقتصاد.", "lang: ar\n"));
        content.Write("phones.md", Article("Phone sales", "2025-10-25", "Sales of the iPhone手机 rose in Shanghai."));
        content.Write("twin-older.md", Article("Twin lighthouses", "2025-01-01", "A report on lighthouses."));
        content.Write("twin-newer.md", Article("Twin lighthouses", "2025-02-01", "A report on lighthouses."));
        content.Write("markup.md", Article("Markup in text", "2025-09-01", "The string &lt;script&gt;alert(1)&lt;/script&gt; is only text & stays text."));
        content.Write("draft.md", Article("Secret zebra plans", "2025-10-01", "A zebra in a draft.", "draft: true\n"));
        content.Write("embargoed.md", Article("The yak census", "2025-11-01T14:00:00Z", "Counting every yak."));
    }

    /// <summary>The slugs /search finds for a query, in order, as the JSON form lists them.</summary>
    internal static async Task<string[]> FindAsync(HttpClient client, string query)
    {
        using var response = await client.SendAsync($"/search?q={Uri.EscapeDataString(query)}", ("Accept", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("url").GetString()!["/articles/".Length..])];
    }

    /// <summary>Waits until the index holds the archive: a first start serves while it builds.</summary>
    internal static Task<string[]> WhenIndexedAsync(HttpClient client, string query, string slug) =>
        Eventually.GetAsync(() => FindAsync(client, query), found => found.Contains(slug), $"\"{query}\" to find {slug}");

    /// <summary>Waits until an edit is indexed, moving the site's clock on as real time passes: its reloads are timed by it.</summary>
    private static Task<string[]> WhenIndexedAsync(FakeTimeProvider clock, HttpClient client, string query, string slug) =>
        Eventually.GetAsync(clock, () => FindAsync(client, query), found => found.Contains(slug), $"\"{query}\" to find {slug}");

    public static TheoryData<string, string[]> Queries => new()
    {
        // The headline weighs more than the body.
        { "gyeongju", ["gyeongju", "capital"] },
        // Case-insensitive, and the last word a prefix as typed.
        { "GYEONG", ["gyeongju", "capital"] },
        { "gyeongju trade", ["gyeongju"] },
        { "silla gyeong", ["capital"] },
        // Accents either way.
        { "sao paulo", ["cafe"] },
        { "economie", ["cafe"] },
        { "São", ["cafe"] },
        // Phrases in order only.
        { "\"joint statement\"", ["gyeongju"] },
        { "\"statement joint\"", [] },
        // Two-character words inside a run of Korean, Chinese and Japanese.
        { "북한", ["seoul"] },
        { "경제", ["seoul"] },
        { "北京", ["beijing"] },
        { "大学", ["beijing"] },
        { "经济", ["beijing"] },
        { "東京", ["tokyo"] },
        { "タワー", ["tokyo"] },
        { "計画", ["tokyo"] },
        { "القاهرة", ["cairo"] },
        // Mixed scripts, with or without a space.
        { "手机", ["phones"] },
        { "iphone 手机", ["phones"] },
        { "iPhone手机", ["phones"] },
        // Byline and tags are searched too.
        { "kim min-ji", ["gyeongju"] },
        // Equal scores: the newer first.
        { "lighthouses", ["twin-newer", "twin-older"] },
        // Drafts and embargoed articles never.
        { "zebra", [] },
        { "yak", [] },
        { "nothingmatchesthis", [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_query_finds_exactly_these_articles_in_this_order(string query, string[] expected)
    {
        var client = archive.Client;

        Assert.Equal(expected, await FindAsync(client, query));
    }

    [Fact]
    public async Task An_embargoed_article_is_found_once_its_instant_comes_and_a_draft_never()
    {
        await using var own = await Archive.StartAsync();
        var (clock, client) = (own.Clock, own.Client);
        Assert.Empty(await FindAsync(client, "yak"));
        using (var health = JsonDocument.Parse(await client.GetStringAsync("/healthz", Cancel)))
            Assert.Equal("ready", health.RootElement.GetProperty("search").GetString());

        clock.Advance(TimeSpan.FromHours(2));

        await WhenIndexedAsync(client, "yak", "embargoed");
        Assert.Empty(await FindAsync(client, "zebra"));
    }

    [Fact]
    public async Task A_stopped_site_holds_no_handle_on_its_search_file()
    {
        using var content = new TemporaryContentFolder();
        WriteArchive(content);
        var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = new FakeTimeProvider(Now) };
        var searchFolder = Path.Combine(site.CacheFolder, "search");
        await WhenIndexedAsync(site.CreateClient(), "lighthouses", "twin-older");
        Assert.Contains(OpenFiles(), file => file.StartsWith(searchFolder, StringComparison.Ordinal));

        await site.DisposeAsync();

        Assert.DoesNotContain(OpenFiles(), file => file.StartsWith(searchFolder, StringComparison.Ordinal));
    }

    /// <summary>The files this process holds open (the tests run on Linux).</summary>
    private static List<string> OpenFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFiles().Select(descriptor => descriptor.LinkTarget).OfType<string>()];

    [Fact]
    public async Task An_edit_is_found_and_a_deleted_article_is_gone_once_published()
    {
        await using var own = await Archive.StartAsync();
        var (content, clock, client) = (own.Content, own.Clock, own.Client);

        content.Write("cafe.md", Article("Café culture returns to São Paulo", "2025-10-20", "A new word: quokka."));
        await WhenIndexedAsync(clock, client, "quokka", "cafe");
        Assert.Empty(await FindAsync(client, "economie"));

        File.Delete(Path.Combine(content.Path, "capital.md"));
        await Eventually.GetAsync(clock, () => FindAsync(client, "silla"), found => found.Length == 0, "the deleted article to be gone");
        Assert.Equal(["gyeongju"], await FindAsync(client, "gyeongju"));
    }

    [Fact]
    public async Task The_results_page_marks_the_matched_words_in_escaped_text_and_has_no_script()
    {
        var client = archive.Client;

        using var response = await client.GetAsync("/search?q=alert", Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"snippet\">The string &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; is only text &amp; stays text.</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", page, StringComparison.Ordinal);
        Assert.Equal("noindex", response.HeaderOf("X-Robots-Tag"));
        Assert.Contains("<p class=\"result-count\">1 result</p>", page, StringComparison.Ordinal);
        Assert.Contains("<h2><a href=\"/articles/markup\">Markup in text</a></h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_two_character_word_is_marked_whole_inside_its_run()
    {
        var client = archive.Client;

        var page = await client.GetStringAsync($"/search?q={Uri.EscapeDataString("경제")}", Cancel);

        Assert.Contains("<p class=\"snippet\">북한은 오늘 미사일을 발사했다. <mark>경제</mark> 회복이 기대된다.</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_query_shows_the_form_and_no_results_suggest_the_archive_and_the_tags()
    {
        var client = archive.Client;

        var empty = await client.GetStringAsync("/search", Cancel);
        var none = await client.GetStringAsync("/search?q=nothingmatchesthis", Cancel);

        Assert.Contains("<form class=\"search-form\" role=\"search\" aria-label=\"Search the articles\" method=\"get\" action=\"/search\"><label for=\"site-search\">Search the articles</label> <input id=\"site-search\" type=\"search\" name=\"q\" value=\"\" maxlength=\"200\" required>", empty, StringComparison.Ordinal);
        Assert.Contains("<h1>Search</h1>", empty, StringComparison.Ordinal);
        Assert.Contains("<p>No article matches “nothingmatchesthis”.</p>\n<p>Try other or fewer words, or browse <a href=\"/articles/\">All articles</a> · <a href=\"/tags/\">All tags</a></p>", none, StringComparison.Ordinal);
        Assert.Contains("value=\"nothingmatchesthis\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_has_the_search_form_and_robots_txt_keeps_crawlers_off_search()
    {
        var client = archive.Client;

        foreach (var path in new[] { "/", "/articles/gyeongju", "/articles/", "/tags/", "/tags/korea/" })
            Assert.Contains("role=\"search\"", await client.GetStringAsync(path, Cancel), StringComparison.Ordinal);
        var allArticles = await client.GetStringAsync("/articles/", Cancel);
        Assert.Contains("<a class=\"masthead-link\" href=\"/articles/\" aria-current=\"page\">All articles</a><a class=\"masthead-link\" href=\"/tags/\">Tags</a>", allArticles, StringComparison.Ordinal);
        Assert.Contains("Disallow: /search\n", await client.GetStringAsync("/robots.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_differing_in_case_spaces_and_composition_share_one_cached_answer()
    {
        var site = archive.Site;
        var client = site.CreateRawClient();

        using var first = await site.CacheStore.StoredAsync(() => client.SendAsync("/search?q=S%C3%A3o", ("Accept-Encoding", "br")));
        var hits = site.CacheStore.Hits;
        // "  SA" + combining tilde + "O  ": the same query once trimmed, case-folded and composed.
        using var second = await client.SendAsync("/search?q=%20%20SA%CC%83O%20%20", ("Accept-Encoding", "br"));

        Assert.Equal(hits + 1, site.CacheStore.Hits);
        Assert.Equal(first.HeaderOf("ETag"), second.HeaderOf("ETag"));
        Assert.Equal("br", second.ContentEncoding());
        Assert.Equal(SearchCacheControl, second.HeaderOf("Cache-Control"));
        Assert.Equal("Accept, Accept-Encoding", second.HeaderOf("Vary"));
        using var notModified = await client.SendAsync("/search?q=s%C3%A3o", ("Accept-Encoding", "br"), ("If-None-Match", first.HeaderOf("ETag")));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    private const string SearchCacheControl = "public, max-age=60";

    /// <summary>A hundred queries a reader, a fuzzer or an attacker might send: engine syntax, controls, bad UTF-8, 10 KB.</summary>
    public static IEnumerable<string> HostileQueries()
    {
        string[] pieces =
        [
            "\"", "\"\"", "*", "\"*\"", "NEAR(a b)", "NEAR(a b, 0)", "a:b", "headline:x", "{headline body}:x", "-", "-x", "(", ")", "()", "(a OR b",
            "AND", "OR", "NOT", "a NOT b", "^x", "+", "x*y", "*x", "'", "\\", "%00", "%01%02%03", "%1E%1F", "%7F", "%FF%FE", "%C3", "%ED%A0%80",
            "%F4%90%80%80", "%E2%80%AE", "%EF%BF%BF", "北\"京", "경\u0301제", "&#x3C;", "<script>", "%3Cscript%3E", "\u0002x\u0003", "NEAR/3",
        ];
        foreach (var piece in pieces)
            yield return piece;
        foreach (var piece in pieces)
            yield return $"gyeongju {piece} trade";
        yield return new string('a', 10 * 1024);
        yield return string.Concat(Enumerable.Repeat("\"a\" ", 2_000));
        yield return string.Join(' ', Enumerable.Range(0, 13).Select(index => $"w{index}"));
        yield return string.Concat(Enumerable.Repeat("北", 200));
        yield return string.Concat(Enumerable.Repeat("a*", 99));
        yield return "%";
        yield return "%%";
        yield return "%G0";
        yield return "a&page=0";
        yield return "a&page=-1";
        yield return "a&page=99999999999";
        yield return "a&page=51";
        yield return "a&page=1e3";
        yield return "a&q=b";
        yield return "a&page=";
        yield return string.Concat(Enumerable.Repeat("%FF", 300));
    }

    [Fact]
    public async Task A_hundred_hostile_queries_get_no_5xx_and_no_script()
    {
        var client = archive.Client;

        var queries = HostileQueries().ToList();
        Assert.True(queries.Count >= 100, $"{queries.Count} queries");
        foreach (var query in queries)
        {
            // Sent as typed: percent-escapes stay escapes, so invalid UTF-8 reaches the server.
            var raw = string.Concat(query.Select(character => character is ' ' ? "%20" : character is '"' or '<' or '>' or '\\' or '^' or '{' or '}' or '#' ? Uri.HexEscape(character) : character.ToString()));
            foreach (var accept in new[] { "text/html", "application/json" })
            {
                using var response = await client.SendAsync($"/search?q={raw}", ("Accept", accept));
                var body = await response.Content.ReadAsStringAsync(Cancel);
                // 414: Kestrel's limit on the request line (docs/operations.md, Server limits), before the site sees it.
                Assert.True((int)response.StatusCode is 200 or 400 or 414, $"{query[..Math.Min(query.Length, 60)]}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task A_query_too_long_gets_400_saying_so()
    {
        using var response = await archive.Client.GetAsync($"/search?q={new string('a', 201)}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("400 Bad Request\nA search can be at most 200 characters long.\n", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("no-store", response.HeaderOf("Cache-Control"));
    }

    [Fact]
    public async Task Twenty_results_a_page_with_prev_and_next()
    {
        using var content = new TemporaryContentFolder();
        for (var day = 1; day <= 25; day++)
            content.Write($"harbour-{day:00}.md", Article($"Harbour day {day}", $"2025-09-{day:00}", "News from the harbour."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = new FakeTimeProvider(Now) };
        var client = site.CreateClient();
        await WhenIndexedAsync(client, "harbour", "harbour-25");

        var first = await client.GetStringAsync("/search?q=harbour", Cancel);
        var second = await client.GetStringAsync("/search?q=harbour&page=2", Cancel);
        using var third = await client.GetAsync("/search?q=harbour&page=3", Cancel);

        Assert.Equal(20, first.Split("<article class=\"entry\"").Length - 1);
        Assert.Equal(5, second.Split("<article class=\"entry\"").Length - 1);
        Assert.Contains("<p class=\"result-count\">25 results</p>", first, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"next\" href=\"/search?q=harbour&amp;page=2\">", first, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"prev\" href=\"/search?q=harbour\">", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task Of_more_matches_than_are_ranked_the_newest_are_ranked_and_the_older_follow_newest_first()
    {
        using var content = new TemporaryContentFolder();
        var first = new DateOnly(2025, 1, 1);
        for (var day = 0; day < 205; day++)
            content.Write($"quay-{day:000}.md", Article($"Quay day {day}", first.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "News from the harbour."));
        // Harbour in the headline, which weighs ten times the body: the best match of all, but older than the newest 200.
        content.Write("harbour-oldest.md", Article("Harbour master retires", "2024-06-01", "News from the harbour."));
        content.Write("harbour-newer.md", Article("Harbour reopens", "2025-03-01", "News from the harbour."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = new FakeTimeProvider(Now) };
        var client = site.CreateClient();
        await WhenIndexedAsync(client, "harbour", "quay-204");
        await Eventually.GetAsync(() => SlugsAsync(client, "/search?q=harbour&page=11"), found => found.Contains("harbour-oldest"), "the oldest article to be indexed");

        var best = await SlugsAsync(client, "/search?q=harbour");
        var last = await SlugsAsync(client, "/search?q=harbour&page=11");

        Assert.Equal(["harbour-newer", "quay-204", "quay-203"], best[..3]);
        Assert.Equal(["quay-004", "quay-003", "quay-002", "quay-001", "quay-000", "harbour-oldest"], last[^6..]);
    }

    [Fact]
    public async Task The_headline_ranks_first_then_summary_byline_and_tags_then_the_body_newest_first_within_each_however_often_a_word_comes()
    {
        using var content = new TemporaryContentFolder();
        static string Text(string title, string summary, string date, string body, string more = "") =>
            $"---\ntitle: {title}\nsummary: {summary}\ndate: {date}\n{more}---\n\n{body}\n";
        content.Write("headline.md", Text("Kestrel numbers rise", "A count of birds.", "2025-09-01", "Birds were counted."));
        content.Write("split.md", Text("Kestrel watch", "A nest in the tower.", "2025-08-01", "Eggs."));
        content.Write("tagged.md", Text("Raptors", "Birds of prey.", "2025-09-10", "Birds of prey hunt.", "tags: [kestrel]\n"));
        content.Write("summary.md", Text("Farm birds", "A kestrel on the farm.", "2025-09-05", "Birds on a farm."));
        content.Write("body-both.md", Text("Tower news", "News of the tower.", "2025-10-01", "A kestrel built a nest in the tower."));
        content.Write("body-once.md", Text("Another walk", "A walk by the sea.", "2025-09-20", "A kestrel was seen."));
        content.Write("body-often.md", Text("A walk", "A walk in the hills.", "2025-09-15", "The kestrel, the kestrel, the kestrel and the kestrel again."));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path, Clock = new FakeTimeProvider(Now) };
        var client = site.CreateClient();
        await WhenIndexedAsync(client, "kestrel", "split");

        Assert.Equal(["headline", "split", "tagged", "summary", "body-both", "body-once", "body-often"], await FindAsync(client, "kestrel"));
        // Every word outside the body, between headline and summary, above both words in the body.
        Assert.Equal(["split", "body-both"], await FindAsync(client, "kestrel nest"));
    }

    /// <summary>The slugs of one page of results, as the JSON form lists them.</summary>
    private static async Task<string[]> SlugsAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(path, ("Accept", "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("url").GetString()!["/articles/".Length..])];
    }
}
