using System.Diagnostics;

namespace ArticleSite.Tests.Support;

/// <summary>Waits for something the site does on its own (publishing a change) by asking again until a deadline: never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

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
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
