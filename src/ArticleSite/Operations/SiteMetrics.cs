using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ArticleSite.Operations;

/// <summary>
/// The site's own meter, "ArticleSite": what publishing and rendering did. Recorded whether or not anything listens
/// (an instrument nobody listens to costs a branch); <c>/metrics</c> exports it when the operator's listener is on.
/// </summary>
internal static class SiteMetrics
{
    public const string MeterName = "ArticleSite";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Snapshots = Meter.CreateCounter<long>("articlesite.snapshots.published", "{snapshot}", "Snapshots of the content folder published.");

    private static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>("articlesite.publish.duration", "s", "Time to read the content folder and publish a snapshot.");

    private static readonly Counter<long> Renders = Meter.CreateCounter<long>("articlesite.renders", "{resource}", "Resources (pages, feeds, files) rendered; each once per snapshot and origin.");

    private static readonly Counter<long> Compressions = Meter.CreateCounter<long>("articlesite.compressions", "{body}", "Rendered bodies compressed, by coding.");

    private static readonly Counter<long> VariantsEncoded = Meter.CreateCounter<long>("articlesite.picture_variants.encoded", "{file}", "Picture variants encoded and written to the cache folder, by format.");

    private static long articles;

    private static long problems;

    static SiteMetrics()
    {
        Meter.CreateObservableGauge("articlesite.articles", () => Volatile.Read(ref articles), "{article}", "Articles in the published snapshot.");
        Meter.CreateObservableGauge("articlesite.problems", () => Volatile.Read(ref problems), "{problem}", "Files of the content folder that cannot be published.");
    }

    public static void Published(int articleCount, int problemCount, long startedTimestamp)
    {
        Volatile.Write(ref articles, articleCount);
        Volatile.Write(ref problems, problemCount);
        Snapshots.Add(1);
        PublishDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    public static void Rendered() => Renders.Add(1);

    public static void VariantEncoded(string format) => VariantsEncoded.Add(1, new KeyValuePair<string, object?>("format", format));

    public static void Compressed(string coding) => Compressions.Add(1, new KeyValuePair<string, object?>("coding", coding));
}
