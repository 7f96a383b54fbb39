namespace ArticleSite.Operations;

/// <summary>
/// Where the operator's listener is: <c>/metrics</c> (Prometheus text) and the health detail (every problem file and
/// why). Off unless <see cref="Port"/> is set, and then bound to the loopback address unless told otherwise, so that
/// neither is public by default. Bound from the "Metrics" configuration section.
/// </summary>
internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The port of the operator's listener; none (the default) turns metrics and the health detail off.</summary>
    public int? Port { get; set; }

    /// <summary>The address it listens on: the loopback address by default; <c>0.0.0.0</c> or <c>[::]</c> for a scraper on another machine.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Also answer the health detail on the public port, for a site reachable only from a private network.</summary>
    public bool PublicHealthDetail { get; set; }

    /// <summary>The ranges its settings must be in, checked at start-up.</summary>
    public static SettingRules<MetricsOptions> Rules => new SettingRules<MetricsOptions>(Section)
        .Add(options => options.Port is < 1 or > 65535 ? $"{Section}:{nameof(Port)} {options.Port} is not a port from 1 to 65535" : null);

    /// <summary>The settings as they are before the services are built (the listener's address is added then); later, <c>IOptions&lt;MetricsOptions&gt;</c>.</summary>
    public static MetricsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<MetricsOptions>() ?? new MetricsOptions();

    /// <summary>Whether the request came in on the operator's listener (its local port, never its Host header, which a client chooses).</summary>
    public bool IsOperatorListener(HttpContext context) => Port is { } port && context.Connection.LocalPort == port;
}
