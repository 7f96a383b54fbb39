using System.Reflection;
using ArticleSite.Loading;
using Microsoft.Extensions.Time.Testing;

namespace ArticleSite.Tests;

/// <summary>
/// One file's load as a reading waits for it: a load that ends before it counts as slow is decided with its result, so
/// the reading publishes the file now rather than leave it for later.
/// </summary>
public sealed class FileLoadTests
{
    [Fact]
    public async Task A_load_that_ends_before_it_counts_as_slow_is_decided_only_once_its_result_is_there()
    {
        var entry = new ArticleEntry("quick.md", new FileStamp("/content/quick.md", 10, DateTime.UnixEpoch));
        var loaded = new FileState(entry.Stamp, Good: null, Problem: null);
        var loadMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new HeldSlowTimerClock();

        // The clock never moves: the load is never slow, so nothing but its result may decide it.
        var load = new FileLoad(entry, lastGood: null, () => { loadMayEnd.Task.Wait(TestContext.Current.CancellationToken); return loaded; },
            new SemaphoreSlim(1), Timeout.InfiniteTimeSpan, clock);
        var slowMark = SlowMarkOf(load);
        clock.WhileResultIsPending = () =>
        {
            // Once marked slow, Decided follows on another thread: wait for it, so the order is never left to chance.
            SpinWait.SpinUntil(() => load.Decided.IsCompleted || !slowMark.IsCompleted);
            return load.Decided.IsCompleted;
        };
        loadMayEnd.SetResult();

        await load.Decided.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(await clock.DecidedWhileResultWasPending.Task.WaitAsync(TestContext.Current.CancellationToken));
        Assert.Same(loaded, await load.Result);
    }

    /// <summary>The load's own mark of being slow, which nothing outside it sees but through <see cref="FileLoad.Decided"/>.</summary>
    private static Task SlowMarkOf(FileLoad load) =>
        ((TaskCompletionSource)typeof(FileLoad).GetField("slow", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(load)!).Task;

    /// <summary>
    /// A fake clock whose first timer (the slow mark) runs a look at the load when it is disposed: the last step before the
    /// load's result completes.
    /// </summary>
    private sealed class HeldSlowTimerClock : FakeTimeProvider
    {
        private int timers;

        public Func<bool> WhileResultIsPending { get; set; } = () => false;

        public TaskCompletionSource<bool> DecidedWhileResultWasPending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            return Interlocked.Increment(ref timers) == 1 ? new LookedAtOnDispose(timer, this) : timer;
        }

        private sealed class LookedAtOnDispose(ITimer timer, HeldSlowTimerClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose()
            {
                clock.DecidedWhileResultWasPending.TrySetResult(clock.WhileResultIsPending());
                timer.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
