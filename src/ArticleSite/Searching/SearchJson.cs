using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArticleSite.Searching;

/// <summary>The search page's results for machines (<c>Accept: application/json</c>): the same articles in the same order.</summary>
/// <param name="Query">The query as it was searched for: trimmed, case-folded, NFC.</param>
/// <param name="Count">How many articles match, counted up to 1000.</param>
/// <param name="More">True when more than <paramref name="Count"/> match.</param>
/// <param name="Notice">Why results may be missing: "search-building", "search-slow" or "search-unavailable"; null otherwise.</param>
internal sealed record SearchJson(string Query, int Page, int PageCount, int Count, bool More, string? Notice, IReadOnlyList<SearchResultJson> Results);

/// <summary>One matching article: its page, headline, date, authors, summary and the text that matched.</summary>
/// <param name="Snippet">The matching part of the body (or the summary), in runs; a run with <c>marked</c> true is a matched word.</param>
internal sealed record SearchResultJson(string Url, string Title, string Date, IReadOnlyList<string> Authors, string Summary, IReadOnlyList<SnippetPart> Snippet);

/// <summary>Source-generated serialization of <see cref="SearchJson"/> (Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SearchJson))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
