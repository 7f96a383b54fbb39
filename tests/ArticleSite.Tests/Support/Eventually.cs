using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ArticleSite.Tests.Support;

/// <summary>Waits for something the site does on its own (publishing a change) by asking again until a deadline: never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>How long it waits between two probes.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="accepted"/> holds for its result, and returns that result.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, string expectation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = await probe();
            if (accepted(seen))
                return seen;
            if (clock.Elapsed > Deadline)
                Assert.Fail($"Expected {expectation} within {Deadline.TotalSeconds} s; last seen: {seen}");
            await Task.Delay(Pause, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// As <see cref="GetAsync{T}(Func{Task{T}}, Func{T, bool}, string)"/>, for a site on a fake clock: before each probe
    /// the clock moves on by the pause between probes, as the real one does, so that the site's debounce and settle
    /// timers, which run on it, come due.
    /// </summary>
    public static Task<T> GetAsync<T>(FakeTimeProvider clock, Func<Task<T>> probe, Func<T, bool> accepted, string expectation) =>
        GetAsync(() =>
        {
            clock.Advance(Pause);
            return probe();
        }, accepted, expectation);
}
