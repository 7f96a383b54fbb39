using System.Net;
using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Tests.Support;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Over random sequences of added, edited and deleted articles, each followed by a conditional request with validators
/// the client saw earlier or dates it made up: no 304 or 206 is ever answered unless the validator the client names is
/// the one of the bytes the site serves now.
/// </summary>
public sealed class ValidatorPropertyTests : IAsyncDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] Paths = ["/", "/article.txt", "/articles/", "/sitemap.xml", "/sitemaps/1.xml", "/feed.atom", "/llms.txt", "/articles/a0", "/articles/a1.json"];

    private static readonly string[] Dates =
        ["Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 01 Nov 2025 00:00:00 GMT", DateTimeOffset.UtcNow.ToString("R"), "Fri, 31 Dec 9999 23:59:59 GMT"];

    private readonly TemporaryContentFolder content = new();

    private readonly ArticleSiteFactory site;

    /// <summary>The articles on disk: file name (without .md) and body.</summary>
    private readonly Dictionary<string, string> articles = new(StringComparer.Ordinal);

    /// <summary>Every ETag seen for each path, with the bytes it was sent with.</summary>
    private readonly Dictionary<string, Dictionary<string, byte[]>> seen = new(StringComparer.Ordinal);

    private int made;

    public ValidatorPropertyTests()
    {
        Write("a0", "First body.");
        Write("a1", "Second body.");
        site = new ArticleSiteFactory { ContentFolder = content.Path };
    }

    private enum Change { Add, Edit, Delete }

    /// <summary>How the client asks: in which header it sends an earlier validator or a date.</summary>
    private enum Condition { IfNoneMatch, IfModifiedSince, IfRangeTag, IfRangeDate, IfMatchWithRange }

    /// <summary>A change to the content, then the path asked for and where the ranges asked for start.</summary>
    private sealed record Step(Change Change, int Article, int Path, int RangeStart);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Enum<Change>(), Gen.Int[0, 50], Gen.Int[0, Paths.Length - 1], Gen.Int[0, 200])
        .Select((change, article, path, rangeStart) => new Step(change, article, path, rangeStart));

    [Fact]
    public async Task No_304_or_206_is_answered_for_a_representation_whose_bytes_changed()
    {
        var client = site.CreateRawClient();
        foreach (var path in Paths)
            await RecordAsync(client, path);

        await Steps.Array[1, 4].SampleAsync(async steps =>
        {
            foreach (var step in steps)
            {
                await ChangeAsync(step);
                await CheckAsync(client, step);
            }
        }, iter: 8, threads: 1);
    }

    private void Write(string name, string body)
    {
        articles[name] = body;
        content.Write(name + ".md", Article(name, $"2025-11-{1 + articles.Count % 28:00}", body));
    }

    private async Task ChangeAsync(Step step)
    {
        var names = articles.Keys.Order(StringComparer.Ordinal).ToList();
        var name = names[step.Article % names.Count];
        switch (step.Change)
        {
            case Change.Add:
                Write($"n{made++}", $"New body {made}.");
                break;
            case Change.Edit:
                Write(name, $"Edited body {made++} of {name}.");
                break;
            case Change.Delete when names.Count > 1:
                articles.Remove(name);
                File.Delete(Path.Combine(content.Path, name + ".md"));
                break;
        }

        // Published when the snapshot holds exactly the articles on disk, each with its latest body.
        await Eventually.GetAsync(
            () => Task.FromResult(site.Services.GetRequiredService<SitePublisher>().Current.Articles),
            published => published.Count == articles.Count
                && published.All(article => articles.TryGetValue(Path.GetFileNameWithoutExtension(article.FilePath), out var body) && Holds(article, body)),
            "the change to be published");
    }

    /// <summary>Whether the published article's text holds the body; false while its file has changed since the snapshot (not published yet).</summary>
    private static bool Holds(Article article, string body)
    {
        try
        {
            return article.Parse().Markdown.Contains(body, StringComparison.Ordinal);
        }
        catch (ArticleChangedException)
        {
            return false;
        }
    }

    /// <summary>Asks for one path with every validator seen for it and every date, in each conditional header.</summary>
    private async Task CheckAsync(HttpClient client, Step step)
    {
        var path = Paths[step.Path];
        // Asked for once first: the conditional requests are then answered by the output cache as well as by the endpoint.
        await RecordAsync(client, path);
        var tags = seen.TryGetValue(path, out var known) ? known.Keys.Order(StringComparer.Ordinal).ToList() : [];
        var range = ("Range", $"bytes={step.RangeStart}-");
        var asks = new List<(Condition Condition, string Validator, (string, string)[] Headers)>();
        foreach (var tag in tags.Append("\"never-sent\""))
        {
            asks.Add((Condition.IfNoneMatch, tag, [("If-None-Match", tag)]));
            asks.Add((Condition.IfRangeTag, tag, [range, ("If-Range", tag)]));
            asks.Add((Condition.IfMatchWithRange, tag, [range, ("If-Match", tag)]));
        }
        foreach (var date in Dates)
        {
            asks.Add((Condition.IfModifiedSince, date, [("If-Modified-Since", date)]));
            asks.Add((Condition.IfRangeDate, date, [range, ("If-Range", date)]));
        }

        foreach (var (condition, validator, headers) in asks)
        {
            using var response = await client.SendAsync(path, headers);
            var part = await response.Content.ReadAsByteArrayAsync(Cancel);
            var current = await RecordAsync(client, path);
            var asked = $"{path} with {string.Join(", ", headers.Select(header => $"{header.Item1}: {header.Item2}"))}";
            if (response.StatusCode is not (HttpStatusCode.NotModified or HttpStatusCode.PartialContent))
                continue;

            Assert.True(condition is not (Condition.IfModifiedSince or Condition.IfRangeDate), $"{response.StatusCode} to a date: {asked}");
            Assert.True(current is not null && known is not null && known.TryGetValue(validator, out var named) && named.AsSpan().SequenceEqual(current),
                $"{response.StatusCode} for a validator whose bytes are not the current ones: {asked}");
            if (response.StatusCode == HttpStatusCode.PartialContent)
                Assert.Equal(current.AsSpan(step.RangeStart).ToArray(), part);
        }
    }

    /// <summary>The current bytes of a path, noted under their ETag; null when it is not served (404, 410).</summary>
    private async Task<byte[]?> RecordAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
            return null;
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        if (!seen.TryGetValue(path, out var tags))
            seen[path] = tags = new(StringComparer.Ordinal);
        tags[response.Headers.ETag!.Tag] = bytes;
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }
}
