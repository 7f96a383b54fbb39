using System.Diagnostics.Metrics;
using ArticleSite.Operations;

namespace ArticleSite.Tests.Support;

/// <summary>Meters for what a test makes without a host (a snapshot, a store of bodies): counted apart from every host's.</summary>
internal sealed class TestMetrics : IMeterFactory
{
    /// <summary>A <see cref="SiteMetrics"/> of the test's own.</summary>
    public static SiteMetrics Site() => new(new TestMetrics());

    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        return new Meter(options);
    }

    public void Dispose()
    {
    }
}
