using ArticleSite.Operations;

namespace ArticleSite.Searching;

/// <summary>The budget of one search, bound from the "Search" configuration section.</summary>
internal sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>How long one search may run in SQLite before it is stopped: a query never holds a thread for long.</summary>
    public TimeSpan QueryBudget { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The ranges its settings must be in, checked at start-up.</summary>
    public static SettingRules<SearchOptions> Rules => new SettingRules<SearchOptions>(Section)
        .Positive(nameof(QueryBudget), options => options.QueryBudget);
}
