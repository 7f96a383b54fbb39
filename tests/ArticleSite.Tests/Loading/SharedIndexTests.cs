using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ArticleSite.Tests.Support;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Two replicas of one content folder sharing one cache folder, and so one article index file, as two processes on one
/// machine do: they start at once on an empty cache folder, publish the same edits and save them, one is stopped in the
/// middle of a save, and neither ever warns about the file, leaves it unusable or answers differently from the other, or
/// from a start without an index. A replica of other settings takes the file over rather than share rows it would misread.
/// </summary>
public sealed partial class SharedIndexTests
{
    private const string BaseUrl = "https://news.example.org";

    private const int ArticleCount = 300;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What each comparison asks for: the front page, one article in two forms, the sitemap.</summary>
    private static readonly string[] ComparedPaths = ["/", "/articles/article-007", "/articles/article-007.txt", "/sitemap.xml"];

    [Fact]
    public async Task Two_replicas_started_at_once_on_an_empty_cache_folder_answer_alike_save_without_a_warning_and_leave_an_index_a_third_takes_every_file_from()
    {
        using var content = Articles();
        using var cache = new SharedCacheFolder();
        await using (var replicas = TwoReplicas.Start(cache, content))
        {
            var (first, second) = replicas;
            var addresses = await replicas.ListeningAndSavedAsync();
            var firstAnswers = await AnswersAsync(addresses[0], ComparedPaths);
            var secondAnswers = await AnswersAsync(addresses[1], ComparedPaths);
            await StopAsync(first);
            await StopAsync(second);

            await using var third = StartReplica(cache, content);
            var thirdAnswers = await AnswersAsync(await third.ListeningAsync(), ComparedPaths);
            await StopAsync(third);

            Assert.All(firstAnswers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
            Assert.Equal(firstAnswers, secondAnswers);
            Assert.Equal(firstAnswers, thirdAnswers);
            Assert.Contains($"Took 0 of {ArticleCount} article file(s) from the article index", string.Join('\n', first.OutputLines), StringComparison.Ordinal);
            Assert.Contains($"Took 0 of {ArticleCount} article file(s) from the article index", string.Join('\n', second.OutputLines), StringComparison.Ordinal);
            Assert.Contains($"Took {ArticleCount} of {ArticleCount} article file(s) from the article index", string.Join('\n', third.OutputLines), StringComparison.Ordinal);
            Assert.Empty(Warnings(first));
            Assert.Empty(Warnings(second));
            Assert.Empty(Warnings(third));
            Assert.Equal("ok", IndexFile.IntegrityOf(Assert.Single(cache.IndexFiles())));
        }
    }

    [Fact]
    public async Task Edits_made_while_two_replicas_run_are_published_and_saved_by_both_and_a_restart_takes_every_file_from_the_index_and_answers_as_a_start_without_one()
    {
        using var content = Articles();
        using var cache = new SharedCacheFolder();
        await using (var replicas = TwoReplicas.Start(cache, content))
        {
            var (first, second) = replicas;
            var addresses = await replicas.ListeningAndSavedAsync();
            var (firstMark, secondMark) = (first.OutputLines.Count, second.OutputLines.Count);

            string[] edited = ["article-003", "article-050", "article-101", "article-222", "article-298"];
            foreach (var slug in edited)
                Replace(content, $"{slug}.md", ArticleText(slug, "Rewritten while two replicas served it."));
            File.Delete(Path.Combine(content.Path, "article-150.md"));
            foreach (var address in addresses)
            {
                await Eventually.GetAsync(async () =>
                {
                    var texts = await Task.WhenAll(edited.Select(slug => TextAsync(address, $"/articles/{slug}.txt")).Append(TextAsync(address, "/articles/article-150.txt")));
                    return string.Join(' ', texts[..^1].Select(text => text.Contains("Rewritten while two replicas served it.", StringComparison.Ordinal)).Append(texts[^1].StartsWith("410 ", StringComparison.Ordinal)));
                }, seen => seen == "True True True True True True", $"{address} to publish the five edits and the deletion");
            }
            await Task.WhenAll(SavedAsync(first, firstMark, written: edited.Length, gone: 1), SavedAsync(second, secondMark, written: edited.Length, gone: 1));
            await StopAsync(first);
            await StopAsync(second);
            Assert.Empty(Warnings(first));
            Assert.Empty(Warnings(second));
        }

        string[] compared = [.. ComparedPaths, "/articles/article-050", "/articles/article-050.txt", "/articles/article-150", "/feed.atom"];
        await using var restarted = StartReplica(cache, content);
        var restartedAddress = await restarted.ListeningAsync();
        var fromIndex = await AnswersAsync(restartedAddress, compared);
        var edit = await TextAsync(restartedAddress, "/articles/article-050.txt");
        await StopAsync(restarted);
        await using var fresh = SiteProcess.StartOn(content.Path, "--Site:BaseUrl", BaseUrl);
        var fromFiles = await AnswersAsync(await fresh.ListeningAsync(), compared);
        await StopAsync(fresh);

        Assert.Contains($"Took {ArticleCount - 1} of {ArticleCount - 1} article file(s) from the article index", string.Join('\n', restarted.OutputLines), StringComparison.Ordinal);
        Assert.Contains($"Took 0 of {ArticleCount - 1} article file(s) from the article index", string.Join('\n', fresh.OutputLines), StringComparison.Ordinal);
        Assert.Equal(fromFiles, fromIndex);
        Assert.Equal(HttpStatusCode.NotFound, fromIndex.Single(answer => answer.Request == "/articles/article-150 identity").Status);
        Assert.Contains("Rewritten while two replicas served it.", edit, StringComparison.Ordinal);
        Assert.Empty(Warnings(restarted));
    }

    [Fact]
    public async Task A_replica_stopped_in_the_middle_of_its_save_while_the_other_saves_leaves_an_index_the_next_start_uses_whole_without_a_warning()
    {
        using var content = Articles();
        using var cache = new SharedCacheFolder();
        await using (var replicas = TwoReplicas.Start(cache, content))
        {
            var (stopped, saving) = replicas;
            await replicas.ListeningAndSavedAsync();
            var (stoppedMark, savingMark) = (stopped.OutputLines.Count, saving.OutputLines.Count);

            // Holding the file's write lock, as a third writer would, keeps both saves of the edits waiting inside their
            // first transaction (within the busy timeout), so the stop surely comes in the middle of a save.
            using (var writer = IndexFile.HoldWriteLock(Assert.Single(cache.IndexFiles())))
            {
                string[] edited = ["article-010", "article-020", "article-030", "article-040", "article-050"];
                foreach (var slug in edited)
                    Replace(content, $"{slug}.md", ArticleText(slug, "Rewritten while both replicas saved."));
                foreach (var (site, mark) in new[] { (stopped, stoppedMark), (saving, savingMark) })
                {
                    var address = await site.ListeningAsync();
                    await Eventually.GetAsync(async () => string.Join(' ', await Task.WhenAll(edited.Select(async slug => (await TextAsync(address, $"/articles/{slug}.txt")).Contains("Rewritten while both replicas saved.", StringComparison.Ordinal)))),
                        seen => seen == "True True True True True", $"{address} to publish the five edits");
                    // Logged after the publication asked for its save, which the lock keeps waiting.
                    await Eventually.GetAsync(() => Task.FromResult(string.Join('\n', site.OutputLines.Skip(mark))), log => log.Contains("Published snapshot", StringComparison.Ordinal), "the publication to be logged");
                }
                Assert.DoesNotContain(stopped.OutputLines.Skip(stoppedMark), line => line.Contains("Saved the article index", StringComparison.Ordinal));
                Assert.DoesNotContain(saving.OutputLines.Skip(savingMark), line => line.Contains("Saved the article index", StringComparison.Ordinal));

                stopped.Terminate();
                await Eventually.GetAsync(() => Task.FromResult(string.Join('\n', stopped.OutputLines)), log => log.Contains("Application is shutting down", StringComparison.Ordinal), "the replica to begin stopping");
            }
            await StopAsync(stopped, terminate: false);
            await SavedAsync(stopped, stoppedMark, written: 5, gone: 0); // its rows, written after it was told to stop
            await SavedAsync(saving, savingMark, written: 5, gone: 0);
            await StopAsync(saving);
            Assert.Empty(Warnings(stopped));
            Assert.Empty(Warnings(saving));
        }

        await using var next = StartReplica(cache, content);
        await next.ListeningAsync();
        await StopAsync(next);

        Assert.Contains($"Took {ArticleCount} of {ArticleCount} article file(s) from the article index", string.Join('\n', next.OutputLines), StringComparison.Ordinal);
        Assert.Empty(Warnings(next));
        Assert.Equal("ok", IndexFile.IntegrityOf(Assert.Single(cache.IndexFiles())));
    }

    [Fact]
    public async Task A_replica_of_other_content_limits_sharing_the_cache_folder_takes_the_index_over_and_the_other_no_longer_writes_rows_it_would_take()
    {
        using var content = Articles();
        Replace(content, "article-042.md", ArticleText("article-042", string.Concat(Enumerable.Repeat("A long first paragraph. ", 1_500))));
        using var cache = new SharedCacheFolder();
        string[] strict = ["--ContentLimits:MaxFileBytes", "20000"];
        var lenient = StartReplica(cache, content);
        await using (lenient)
        {
            var address = await lenient.ListeningAsync();
            await SavedAsync(lenient, since: 0);
            await using (var taking = StartReplica(cache, content, strict))
            {
                await taking.ListeningAsync();
                await SavedAsync(taking, since: 0);
                var mark = lenient.OutputLines.Count;

                Replace(content, "article-042.md", ArticleText("article-042", string.Concat(Enumerable.Repeat("A long first paragraph, edited. ", 1_000))));
                await Eventually.GetAsync(() => TextAsync(address, "/articles/article-042.txt"), text => text.Contains("A long first paragraph, edited.", StringComparison.Ordinal), "the lenient replica to publish the edit");
                await Eventually.GetAsync(() => Task.FromResult(string.Join('\n', lenient.OutputLines.Skip(mark))),
                    log => log.Contains("Saved the article index", StringComparison.Ordinal) || log.Contains("no longer writes it", StringComparison.Ordinal), "the lenient replica to save the edit or leave the index alone");
                await StopAsync(taking);
            }
            await StopAsync(lenient);
        }

        await using var restarted = StartReplica(cache, content, strict);
        var fromIndex = await AnswersAsync(await restarted.ListeningAsync(), ["/articles/article-042", "/articles/article-041", "/sitemap.xml"]);
        await StopAsync(restarted);
        await using var fresh = SiteProcess.StartOn(content.Path, ["--Site:BaseUrl", BaseUrl, .. strict]);
        var fromFiles = await AnswersAsync(await fresh.ListeningAsync(), ["/articles/article-042", "/articles/article-041", "/sitemap.xml"]);
        await StopAsync(fresh);

        Assert.Equal(HttpStatusCode.NotFound, fromFiles[0].Status);
        Assert.Equal(fromFiles, fromIndex);
        Assert.Contains($"Took {ArticleCount - 1} of {ArticleCount} article file(s) from the article index", string.Join('\n', restarted.OutputLines), StringComparison.Ordinal);
        var notices = lenient.OutputLines.Where(line => line.Contains("no longer writes it", StringComparison.Ordinal)).ToList();
        Assert.Equal($"The article index {Assert.Single(cache.IndexFiles())} was taken over by a replica of another build or other settings; this one no longer writes it", Assert.Single(notices).Trim());
    }

    private static SiteProcess StartReplica(SharedCacheFolder cache, TemporaryContentFolder content, params string[] settings) =>
        cache.StartReplica(content.Path, ["--Site:BaseUrl", BaseUrl, .. settings]);

    /// <summary>Two replicas started at once on the same cache folder and content folder; disposing them stops both.</summary>
    private sealed record TwoReplicas(SiteProcess First, SiteProcess Second) : IAsyncDisposable
    {
        public static TwoReplicas Start(SharedCacheFolder cache, TemporaryContentFolder content) =>
            new(StartReplica(cache, content), StartReplica(cache, content));

        /// <summary>Waits until both, started on an empty cache folder, listen and have saved the index: their addresses.</summary>
        public async Task<Uri[]> ListeningAndSavedAsync()
        {
            var addresses = await Task.WhenAll(First.ListeningAsync(), Second.ListeningAsync());
            await Task.WhenAll(SavedAsync(First, since: 0), SavedAsync(Second, since: 0));
            return addresses;
        }

        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    /// <summary>Stops the site as a service manager does, and checks it stopped cleanly.</summary>
    private static async Task StopAsync(SiteProcess site, bool terminate = true)
    {
        if (terminate)
            site.Terminate();
        var (exitCode, errorLines) = await site.ExitAsync();
        Assert.Equal(0, exitCode);
        Assert.Empty(errorLines);
    }

    /// <summary>
    /// Waits until the site has logged saves of the index after its line <paramref name="since"/> that wrote
    /// <paramref name="written"/> rows and let <paramref name="gone"/> go between them (any save, when both are null).
    /// </summary>
    private static Task<string> SavedAsync(SiteProcess site, int since, int? written = null, int? gone = null) =>
        Eventually.GetAsync(() => Task.FromResult(string.Join('\n', site.OutputLines.Skip(since))), log =>
        {
            var saves = SavedLine().Matches(log);
            return saves.Count > 0 && (written is null || saves.Sum(save => Number(save, "written")) == written) && (gone is null || saves.Sum(save => Number(save, "gone")) == gone);
        }, $"the index to be saved ({written} written, {gone} gone)");

    private static int Number(Match save, string group) => int.Parse(save.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>Every warning, error or critical line the site logged, with the line of its message.</summary>
    private static List<string> Warnings(SiteProcess site)
    {
        var lines = site.OutputLines;
        return [.. lines.Select((line, i) => (line, i))
            .Where(entry => entry.line.StartsWith("warn:", StringComparison.Ordinal) || entry.line.StartsWith("fail:", StringComparison.Ordinal) || entry.line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(entry => entry.i + 1 < lines.Count ? $"{entry.line} {lines[entry.i + 1].Trim()}" : entry.line)];
    }

    /// <summary>The status and text of the page at <paramref name="path"/>.</summary>
    private static async Task<string> TextAsync(Uri address, string path)
    {
        using var client = new HttpClient { BaseAddress = address };
        using var response = await client.GetAsync(path, Cancel);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}";
    }

    /// <summary>Each path's status, ETag and bytes (their SHA-256) as sent with no content coding, and as sent in Brotli.</summary>
    private static async Task<List<Answer>> AnswersAsync(Uri address, IEnumerable<string> paths)
    {
        using var client = new HttpClient { BaseAddress = address };
        var answers = new List<Answer>();
        foreach (var path in paths)
        {
            foreach (var coding in new[] { "identity", "br" })
            {
                using var response = await client.SendAsync(path, ("Accept-Encoding", coding));
                var body = await response.Content.ReadAsByteArrayAsync(Cancel);
                answers.Add(new Answer($"{path} {coding}", response.StatusCode, response.HeaderOf("ETag"), Convert.ToHexString(SHA256.HashData(body))));
            }
        }
        return answers;
    }

    /// <summary>Replaces a file whole (written beside it, then renamed), as an editor or a deploy does: no reader sees half of it.</summary>
    private static void Replace(TemporaryContentFolder content, string fileName, string text)
    {
        var written = Path.GetTempFileName();
        File.WriteAllText(written, text);
        File.Move(written, Path.Combine(content.Path, fileName), overwrite: true);
    }

    /// <summary><see cref="ArticleCount"/> articles, a minute apart, each a few paragraphs long.</summary>
    private static TemporaryContentFolder Articles()
    {
        var content = new TemporaryContentFolder();
        for (var i = 0; i < ArticleCount; i++)
        {
            var slug = $"article-{i:D3}";
            content.Write($"{slug}.md", ArticleText(slug, $"The first paragraph of article {i}."));
        }
        return content;
    }

    private static string ArticleText(string slug, string firstParagraph)
    {
        var i = int.Parse(slug["article-".Length..], CultureInfo.InvariantCulture);
        var date = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = string.Join("\n\n", [firstParagraph, .. Enumerable.Range(1, 8).Select(n => $"Paragraph {n} of article {i}, long enough to make the file a few kilobytes: " + string.Join(' ', Enumerable.Repeat($"word{n}", 60)) + ".")]);
        return Article($"Article {i}", date, body, $"slug: {slug}\ntags: [Tag {i % 7}]\n");
    }

    private sealed record Answer(string Request, HttpStatusCode Status, string ETag, string BodySha256);

    [GeneratedRegex(@"Saved the article index .*: (?<written>\d+) article\(s\) written, (?<gone>\d+) gone, \d+ version\(s\) kept")]
    private static partial Regex SavedLine();
}
