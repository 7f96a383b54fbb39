using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ArticleSite.Operations;

/// <summary>
/// The site's own meter, "ArticleSite": what publishing and rendering did. One per host, made by the host's
/// <see cref="IMeterFactory"/>, so that two hosts in one process (tests) count apart. Recorded whether or not anything
/// listens (an instrument nobody listens to costs a branch); <c>/metrics</c> exports it when the operator's listener is on.
/// </summary>
internal sealed class SiteMetrics
{
    public const string MeterName = "ArticleSite";

    private readonly Counter<long> snapshots;

    private readonly Histogram<double> publishDuration;

    private readonly Counter<long> renders;

    private readonly Counter<long> compressions;

    private readonly Counter<long> variantsEncoded;

    private long articles;

    private long problems;

    public SiteMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        snapshots = meter.CreateCounter<long>("articlesite.snapshots.published", "{snapshot}", "Snapshots of the content folder published.");
        publishDuration = meter.CreateHistogram<double>("articlesite.publish.duration", "s", "Time to read the content folder and publish a snapshot.");
        renders = meter.CreateCounter<long>("articlesite.renders", "{resource}", "Resources (pages, feeds, files) rendered; each once per snapshot and origin.");
        compressions = meter.CreateCounter<long>("articlesite.compressions", "{body}", "Rendered bodies compressed, by coding.");
        variantsEncoded = meter.CreateCounter<long>("articlesite.picture_variants.encoded", "{file}", "Picture variants encoded and written to the cache folder, by format.");
        meter.CreateObservableGauge("articlesite.articles", () => Volatile.Read(ref articles), "{article}", "Articles in the published snapshot.");
        meter.CreateObservableGauge("articlesite.problems", () => Volatile.Read(ref problems), "{problem}", "Files of the content folder that cannot be published.");
    }

    public void Published(int articleCount, int problemCount, long startedTimestamp)
    {
        Volatile.Write(ref articles, articleCount);
        Volatile.Write(ref problems, problemCount);
        snapshots.Add(1);
        publishDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    public void Rendered() => renders.Add(1);

    public void VariantEncoded(string format) => variantsEncoded.Add(1, new KeyValuePair<string, object?>("format", format));

    /// <param name="coding">The Content-Encoding token: "br" or "gzip".</param>
    public void Compressed(string coding) => compressions.Add(1, new KeyValuePair<string, object?>("coding", coding));
}
