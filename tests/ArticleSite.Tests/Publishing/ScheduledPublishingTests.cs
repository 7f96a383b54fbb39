using System.Net;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;
using static ArticleSite.Tests.Support.TemporaryContentFolder;

namespace ArticleSite.Tests;

/// <summary>
/// Embargo and expiry, on a clock the test moves: an article dated in the future comes out by itself at its instant,
/// without an edit or a restart, and one past its expiry date is withdrawn. Drafts are never served.
/// </summary>
public sealed class ScheduledPublishingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The fake clock's now: Saturday 1 November 2025, 12:00 in UTC.</summary>
    private static readonly DateTimeOffset Now = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The site without its periodic rescan (a day apart), so that only the publisher's own timer, on the fake clock,
    /// can bring an article out.
    /// </summary>
    private sealed class ScheduledSite : ArticleSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Content:RescanInterval", "1.00:00:00");
        }
    }


    /// <summary>
    /// Whether any page, list, feed or map names the article. The archive exists only with two articles or more, and
    /// with one, "/" is that article's page.
    /// </summary>
    private static async Task<bool> AnywhereAsync(HttpClient client, string slug)
    {
        foreach (var path in new[] { "/", "/articles/", "/feed.atom", "/sitemaps/1.xml", "/llms.txt" })
        {
            using var response = await client.GetAsync(path, Cancel);
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(Cancel)).Contains($"/articles/{slug}", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>A lasting article and an offer that expires as the front matter line <paramref name="expiry"/> says.</summary>
    private static TemporaryContentFolder LastingAndOffer(string expiry)
    {
        var content = new TemporaryContentFolder();
        content.Write("lasting.md", Article("Lasting", "2025-10-01", "Lasting body."));
        content.Write("offer.md", Article("Offer", "2025-10-30", "Offer body.", expiry + "\n"));
        return content;
    }

    public static TheoryData<string> FutureDates => new()
    {
        "date: 2025-11-01T14:00:00Z",
        // 23:00 at UTC+9 is 14:00 in UTC.
        "date: 2025-11-01T23:00:00+09:00",
        "date: 2025-11-01 09:00:00 -0500",
        // Dated earlier, but out only from its publish date.
        "date: 2025-10-30\npublishDate: 2025-11-01T14:00:00Z",
    };

    [Theory]
    [MemberData(nameof(FutureDates))]
    public async Task An_article_dated_in_the_future_is_nowhere_until_its_instant_then_appears_by_itself(string dated)
    {
        using var content = new TemporaryContentFolder();
        content.Write("today.md", Article("Today", "2025-11-01", "Today's body."));
        content.Write("later.md", $"---\ntitle: Later\nsummary: Out at two.\n{dated}\n---\n\nLater's body.\n");
        var clock = new FakeTimeProvider(Now);
        await using var site = new ScheduledSite { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/later"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/later.txt"));
        Assert.False(await AnywhereAsync(client, "later"));

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/later"));

        clock.Advance(TimeSpan.FromSeconds(1));
        await client.UntilStatusAsync("/articles/later", HttpStatusCode.OK, "the article to come out at its instant");
        Assert.True(await AnywhereAsync(client, "later"));
        Assert.StartsWith("Later\n", await client.GetStringAsync("/articles/later.txt", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_is_withdrawn_with_410_Gone_from_its_expiry_instant()
    {
        using var content = LastingAndOffer("expiryDate: 2025-11-01T18:00:00+02:00");
        var clock = new FakeTimeProvider(Now);
        await using var site = new ScheduledSite { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync("/articles/offer"));

        clock.Advance(TimeSpan.FromHours(4));

        await client.UntilStatusAsync("/articles/offer", HttpStatusCode.Gone, "the article to be withdrawn at its expiry");
        Assert.Equal(HttpStatusCode.Gone, await client.StatusOfAsync("/articles/offer.json"));
        Assert.False(await AnywhereAsync(client, "offer"));
    }

    [Theory]
    [InlineData("expiryDate: 2025-11-01T11:00:00Z")]
    [InlineData("unpublishDate: 2025-10-31")]
    public async Task An_article_expired_before_start_up_answers_410_Gone(string expiry)
    {
        using var content = LastingAndOffer(expiry);
        await using var site = new ScheduledSite { ContentFolder = content.Path, Clock = new FakeTimeProvider(Now) };
        var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.Gone, await client.StatusOfAsync("/articles/offer"));
        Assert.False(await AnywhereAsync(client, "offer"));
    }

    [Fact]
    public async Task An_article_scheduled_days_ahead_is_never_the_lead_before_it_is_out_even_marked_lead()
    {
        using var content = new TemporaryContentFolder();
        content.Write("today.md", Article("Today", "2025-11-01", "Today's body."));
        content.Write("big-news.md", Article("Big news", "2025-11-04T06:00:00Z", "Big body.", "lead: true\n"));
        var clock = new FakeTimeProvider(Now);
        await using var site = new ScheduledSite { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();
        Assert.Equal("today", (await Health.GetAsync(client)).LeadSlug);

        // Past the longest the publisher's timer waits at once (a day), but not yet out.
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal("today", (await Health.GetAsync(client)).LeadSlug);
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/big-news"));

        clock.Advance(TimeSpan.FromDays(1));
        var health = await Eventually.GetAsync(() => Health.GetAsync(client), health => health.LeadSlug == "big-news", "the article to lead once out");
        Assert.Equal(2, health.Articles);
    }

    [Theory]
    [InlineData("draft: true")]
    [InlineData("published: false")]
    public async Task A_draft_is_never_served_nor_listed(string draft)
    {
        using var content = new TemporaryContentFolder();
        content.Write("today.md", Article("Today", "2025-10-01", "Today's body."));
        content.Write("draft.md", Article("Draft", "2025-10-02", "Not ready.", draft + "\n"));
        var clock = new FakeTimeProvider(Now);
        await using var site = new ScheduledSite { ContentFolder = content.Path, Clock = clock };
        var client = site.CreateClient();

        clock.Advance(TimeSpan.FromDays(400));

        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/articles/draft"));
        Assert.False(await AnywhereAsync(client, "draft"));
        Assert.Equal(("Healthy", 1), ((await Health.GetAsync(client)).Status, (await Health.GetAsync(client)).Articles));
    }
}
