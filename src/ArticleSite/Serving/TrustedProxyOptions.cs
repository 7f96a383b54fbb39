using System.Net;
using ArticleSite.Operations;

namespace ArticleSite.Serving;

/// <summary>
/// The reverse proxies whose X-Forwarded-* headers the site honours (<see cref="TrustedProxies"/>), bound from the
/// "Proxy" configuration section. None by default: forwarded headers are then ignored.
/// </summary>
internal sealed class TrustedProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The same as CIDR ranges, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Every entry must parse, checked at start-up.</summary>
    public static SettingRules<TrustedProxyOptions> Rules => new SettingRules<TrustedProxyOptions>(Section)
        .Add(options => Unparsed(options.KnownProxies, nameof(KnownProxies), entry => IPAddress.TryParse(entry, out _), "an IP address"))
        .Add(options => Unparsed(options.KnownNetworks, nameof(KnownNetworks), entry => IPNetwork.TryParse(entry, out _), "a CIDR range such as 10.0.0.0/24"));

    private static string? Unparsed(List<string> entries, string key, Func<string, bool> parses, string what)
    {
        var index = entries.FindIndex(entry => !parses(entry));
        return index < 0 ? null : $"{Section}:{key}:{index} {entries[index]} is not {what}";
    }
}
