using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using ArticleSite.Loading;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Bylines as real blogs write them (V8's, from Fixtures/v8-dev, and Jekyll's) read into people: each name without its
/// Markdown, its link kept as the person's URL, its affiliation and tagline kept with it, lists split once.
/// </summary>
public sealed class BylineTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each person as "name | url | affiliation | tagline", empty parts left empty.</summary>
    public static TheoryData<string, string[]> RealBylines => new()
    {
        { "[Trask Stalnaker](https://github.com/trask) (Microsoft)", ["Trask Stalnaker | https://github.com/trask | Microsoft | "] },
        { "parkr", ["parkr |  |  | "] },
        { "the V8 team", ["the V8 team |  |  | "] },
        { "Alon Zakai", ["Alon Zakai |  |  | "] },
        { "Ingvar Stepanyan ([@RReverser](https://twitter.com/RReverser))", ["Ingvar Stepanyan | https://twitter.com/RReverser |  | "] },
        { "[Marja Hölttä](https://twitter.com/marjakh), speculative specification spectator", ["Marja Hölttä | https://twitter.com/marjakh |  | speculative specification spectator"] },
        { "Francis McCabe, Thibaud Michaud, Ilya Rezvov, Brendan Dahl", ["Francis McCabe |  |  | ", "Thibaud Michaud |  |  | ", "Ilya Rezvov |  |  | ", "Brendan Dahl |  |  | "] },
        { "Ulan Degenbaev, Michael Lippautz, and Hannes Payer — main thread liberators", ["Ulan Degenbaev |  |  | ", "Michael Lippautz |  |  | ", "Hannes Payer |  |  | main thread liberators"] },
        {
            "[Toon Verwaest](https://twitter.com/tverwaes), [Leszek Swirski](https://twitter.com/leszekswirski), [Victor Gomes](https://twitter.com/VictorBFG), Olivier Flückiger, Darius Mercadier, and Camillo Bruni — not enough cooks to spoil the broth",
            ["Toon Verwaest | https://twitter.com/tverwaes |  | ", "Leszek Swirski | https://twitter.com/leszekswirski |  | ", "Victor Gomes | https://twitter.com/VictorBFG |  | ",
                "Olivier Flückiger |  |  | ", "Darius Mercadier |  |  | ", "Camillo Bruni |  |  | not enough cooks to spoil the broth"]
        },
        { "Hai Dang & Georg Neis", ["Hai Dang |  |  | ", "Georg Neis |  |  | "] },
        { "Ben L. Titzer and Jaroslav Sevcik", ["Ben L. Titzer |  |  | ", "Jaroslav Sevcik |  |  | "] },
        { "Hannes Payer and Ross McIlroy, Idle Garbage Collectors", ["Hannes Payer |  |  | ", "Ross McIlroy |  |  | Idle Garbage Collectors"] },
        { "Ross McIlroy, V8 Ignition Jump Starter", ["Ross McIlroy |  |  | V8 Ignition Jump Starter"] },
        { "Benedikt Meurer [@bmeurer](https://twitter.com/bmeurer), ECMAScript Performance Engineer", ["Benedikt Meurer | https://twitter.com/bmeurer |  | ECMAScript Performance Engineer"] },
        {
            "Toon Verwaest ([@tverwaes](https://twitter.com/tverwaes)) and Marja Hölttä ([@marjakh](https://twitter.com/marjakh)), sparser parsers",
            ["Toon Verwaest | https://twitter.com/tverwaes |  | ", "Marja Hölttä | https://twitter.com/marjakh |  | sparser parsers"]
        },
        {
            "Anton Bikineev, Omer Katz ([@omerktz](https://twitter.com/omerktz)), and Michael Lippautz ([@mlippautz](https://twitter.com/mlippautz)), C++ memory whisperers",
            ["Anton Bikineev |  |  | ", "Omer Katz | https://twitter.com/omerktz |  | ", "Michael Lippautz | https://twitter.com/mlippautz |  | C++ memory whisperers"]
        },
        { "Anton Bikineev, and Michael Lippautz ([@mlippautz](https://twitter.com/mlippautz)), walking disassemblers", ["Anton Bikineev |  |  | ", "Michael Lippautz | https://twitter.com/mlippautz |  | walking disassemblers"] },
        {
            "Maya Armyanova ([@Zmayski](https://twitter.com/Zmayski)), always-awaiting anticipator, and Benedikt Meurer ([@bmeurer](https://twitter.com/bmeurer)), professional performance promiser",
            ["Maya Armyanova | https://twitter.com/Zmayski |  | always-awaiting anticipator", "Benedikt Meurer | https://twitter.com/bmeurer |  | professional performance promiser"]
        },
        {
            "Théotime Grohens, <i lang=\"fr\">le savant de Data-Vue</i>, and Benedikt Meurer ([@bmeurer](https://twitter.com/bmeurer)), professional performance pal",
            ["Théotime Grohens |  |  | le savant de Data-Vue", "Benedikt Meurer | https://twitter.com/bmeurer |  | professional performance pal"]
        },
        { "the jank busters: Ulan Degenbaev, Michael Lippautz, and Hannes Payer", ["Ulan Degenbaev |  |  | ", "Michael Lippautz |  |  | ", "Hannes Payer |  |  | the jank busters"] },
        { "Ulan Degenbaev, Michael Lippautz, and Hannes Payer, friends of [TSAN](https://github.com/google/sanitizers/wiki/ThreadSanitizerCppManual)", ["Ulan Degenbaev |  |  | ", "Michael Lippautz |  |  | ", "Hannes Payer |  |  | friends of TSAN"] },
        { "[சத்யா குணசேகரன் (Sathya Gunasekaran)](https://twitter.com/_gsathya)", ["சத்யா குணசேகரன் (Sathya Gunasekaran) | https://twitter.com/_gsathya |  | "] },
        { "Michael Stanton ([@alpencoder](https://twitter.com/alpencoder)), renowned master of *slack*", ["Michael Stanton | https://twitter.com/alpencoder |  | renowned master of slack"] },
        { "Peter ‘the garbo’ Marshall ([@hooraybuffer](https://twitter.com/hooraybuffer))", ["Peter ‘the garbo’ Marshall | https://twitter.com/hooraybuffer |  | "] },
        { "Ada Lovelace (Analytical Engines, London) and Grace Hopper (US Navy)", ["Ada Lovelace |  | Analytical Engines, London | ", "Grace Hopper |  | US Navy | "] },
        { "Thibaud Michaud, Thomas Lively", ["Thibaud Michaud |  |  | ", "Thomas Lively |  |  | "] },
        { "Ben L. Titzer, Software Engineer and TurboFan Mechanic", ["Ben L. Titzer |  |  | Software Engineer and TurboFan Mechanic"] },
        { "Yang Guo ([@hashseed](https://twitter.com/hashseed)), Software Engineer and engine pre-heater supplier", ["Yang Guo | https://twitter.com/hashseed |  | Software Engineer and engine pre-heater supplier"] },
        {
            "Addy Osmani ([@addyosmani](https://twitter.com/addyosmani)), JavaScript Janitor, and Mathias Bynens ([@mathias](https://twitter.com/mathias)), Main Thread Liberator",
            ["Addy Osmani | https://twitter.com/addyosmani |  | JavaScript Janitor", "Mathias Bynens | https://twitter.com/mathias |  | Main Thread Liberator"]
        },
        { "[Toon Verwaest](https://twitter.com/tverwaes), The Big Short", ["Toon Verwaest | https://twitter.com/tverwaes |  | The Big Short"] },
        { "Maya Armyanova ([@Zmayski](https://twitter.com/Zmayski)), Optimizer of Proxies", ["Maya Armyanova | https://twitter.com/Zmayski |  | Optimizer of Proxies"] },
        { "Ulan Degenbaev, Michael Lippautz, and DevTools warrior Alexey Kozyatinskiy", ["Ulan Degenbaev |  |  | ", "Michael Lippautz |  |  | ", "DevTools warrior Alexey Kozyatinskiy |  |  | "] },
        { "Ludwig van Beethoven, Clara Schumann", ["Ludwig van Beethoven |  |  | ", "Clara Schumann |  |  | "] },
    };

    [Theory]
    [MemberData(nameof(RealBylines))]
    public void A_real_byline_is_read_into_its_people(string byline, string[] people)
    {
        var metadata = ArticleParser.Parse($"---\ntitle: T\ndate: 2025-11-01\nauthor: '{byline.Replace("'", "''", StringComparison.Ordinal)}'\n---\n\nBody.\n", "/content/a.md").Metadata;

        Assert.Equal(people, metadata.Authors.Select(person => $"{person.Name} | {person.Url} | {person.Affiliation} | {person.Tagline}"));
    }

    [Fact]
    public async Task A_markdown_byline_shows_names_on_the_page_and_in_the_text_and_links_people_in_json_ld_and_atom()
    {
        using var content = new TemporaryContentFolder();
        content.Write("otel.md", Article("OTel", "2025-11-01", "Body.",
            "author: \"[Trask Stalnaker](https://github.com/trask) (Microsoft), Darius Mercadier, and Camillo Bruni\"\n"));
        await using var site = new ArticleSiteFactory { ContentFolder = content.Path };
        var client = site.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/articles/otel", Cancel));
        var text = await client.GetStringAsync("/articles/otel.txt", Cancel);
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feedAuthor = XDocument.Parse(await client.GetStringAsync("/feed.atom", Cancel)).Root!.Element(atom + "entry")!.Element(atom + "author")!;

        const string Byline = "By Trask Stalnaker (Microsoft), Darius Mercadier and Camillo Bruni";
        Assert.Equal(Byline, page.QuerySelector(".byline .authors")!.TextContent);
        Assert.Contains($"\n{Byline} · 1 November 2025\n", text, StringComparison.Ordinal);
        var person = json.RootElement.GetProperty("author")[0];
        Assert.Equal(("Trask Stalnaker", "https://github.com/trask"), (person.GetProperty("name").GetString(), person.GetProperty("url").GetString()));
        Assert.Equal(3, json.RootElement.GetProperty("author").GetArrayLength());
        Assert.Equal("""{"@type":"Organization","name":"Microsoft"}""", person.GetProperty("affiliation").GetRawText());
        Assert.False(json.RootElement.GetProperty("author")[1].TryGetProperty("affiliation", out _));
        Assert.Equal(("Trask Stalnaker", "https://github.com/trask"), ((string?)feedAuthor.Element(atom + "name"), (string?)feedAuthor.Element(atom + "uri")));
    }
}
