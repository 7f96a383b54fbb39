using ArticleSite.Publishing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArticleSite.Operations;

/// <summary>
/// Readiness: a snapshot is published (the server listens only after the first one, so this fails only if that ever
/// changes). Degraded, and still ready, while some file cannot be published or the folder is seen by rescans only.
/// </summary>
internal sealed class SnapshotHealthCheck(SitePublisher publisher) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!publisher.HasPublished)
            return Task.FromResult(HealthCheckResult.Unhealthy("nothing is published yet"));
        var problems = publisher.Current.Problems.Count;
        var watcher = publisher.WatcherState;
        return Task.FromResult(
            problems > 0 ? HealthCheckResult.Degraded($"{problems} file(s) cannot be published")
            : watcher != ContentWatcher.Watching ? HealthCheckResult.Degraded(watcher)
            : HealthCheckResult.Healthy());
    }
}
