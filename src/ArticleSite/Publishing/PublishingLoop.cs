namespace ArticleSite.Publishing;

/// <summary>
/// The publish loop while the site serves: the reloads start with the host and stop with it. The first snapshot is
/// published before the host starts (<see cref="SitePublishing.TryPublishFirstSnapshotAsync"/>), and a command that
/// exits after it (check, export) starts no timer.
/// </summary>
internal sealed class PublishingLoop(SitePublisher publisher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        publisher.StartReloading();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        publisher.StopReloading();
        return Task.CompletedTask;
    }
}
