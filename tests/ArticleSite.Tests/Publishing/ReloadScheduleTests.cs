using ArticleSite.Loading;
using ArticleSite.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace ArticleSite.Tests;

/// <summary>
/// When the folder is read again, on a clock the test moves: the watcher's changes once they are quiet, a file still
/// being written once it has settled, the whole folder at each rescan, and an embargoed article at its instant.
/// </summary>
public sealed class ReloadScheduleTests
{
    private static readonly ContentOptions Options = new()
    {
        Debounce = TimeSpan.FromMilliseconds(100),
        RescanInterval = TimeSpan.FromSeconds(10),
    };

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Each reload asked for: true when of the whole folder.</summary>
    private readonly List<bool> reloads = [];

    private ReloadSchedule Schedule() => new(Options, clock, wholeFolder =>
    {
        reloads.Add(wholeFolder);
        return Task.CompletedTask;
    });

    [Fact]
    public void Changes_coming_faster_than_the_debounce_time_are_read_once_when_they_stop()
    {
        using var schedule = Schedule();
        schedule.Start(changesWaiting: false);

        for (var change = 0; change < 20; change++)
        {
            schedule.AfterQuiet();
            clock.Advance(TimeSpan.FromMilliseconds(99));
        }
        Assert.Empty(reloads);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([false], reloads);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([false], reloads);
    }

    [Fact]
    public void Changes_seen_before_the_first_snapshot_is_published_are_read_once_it_starts()
    {
        using var schedule = Schedule();
        schedule.AfterQuiet();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(reloads);

        schedule.Start(changesWaiting: true);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal([false], reloads);
    }

    [Fact]
    public void A_file_still_settling_is_read_again_when_it_will_have_been_quiet_long_enough()
    {
        using var schedule = Schedule();
        schedule.Start(changesWaiting: false);

        schedule.RecheckIn(TimeSpan.FromMilliseconds(500));
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Empty(reloads);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([false], reloads);
    }

    [Fact]
    public void The_periodic_rescan_reads_the_whole_folder_at_each_interval_once_started()
    {
        using var schedule = Schedule();
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(reloads);

        schedule.Start(changesWaiting: false);
        clock.Advance(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([true, true], reloads);
    }

    [Fact]
    public void An_article_out_in_three_days_is_read_at_its_instant_after_a_wake_up_each_day()
    {
        var instant = clock.GetUtcNow() + TimeSpan.FromDays(3);
        var dueAtEachReload = new List<bool>();
        ReloadSchedule? schedule = null;
        // As the publisher does: each reading sets the timer again for the next instant, if there is one.
        using var releasing = schedule = new ReloadSchedule(Options, clock, _ =>
        {
            dueAtEachReload.Add(schedule!.ReleaseDue);
            schedule.ReleaseAt(instant > clock.GetUtcNow() ? instant : null);
            return Task.CompletedTask;
        });
        schedule.ReleaseAt(instant);

        clock.Advance(TimeSpan.FromDays(1));
        clock.Advance(TimeSpan.FromDays(1));
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal([false, false], dueAtEachReload);

        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([false, false, true], dueAtEachReload);
    }

    [Fact]
    public void Nothing_to_release_sets_no_timer()
    {
        using var schedule = Schedule();
        schedule.ReleaseAt(clock.GetUtcNow() + TimeSpan.FromHours(1));
        schedule.ReleaseAt(null);

        clock.Advance(TimeSpan.FromDays(2));

        Assert.Empty(reloads);
        Assert.False(schedule.ReleaseDue);
    }
}
