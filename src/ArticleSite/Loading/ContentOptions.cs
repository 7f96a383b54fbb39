namespace ArticleSite.Loading;

/// <summary>Where the articles are read from: the "Content" configuration section.</summary>
internal sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The content folder; a relative path is looked up from the working directory upwards, then beside the app.</summary>
    public string Path { get; set; } = "content";

    /// <summary>How long the folder must stay quiet after a change before it is read again: one save often arrives as several events.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a changed file must keep its size and time before it is read, unless it was renamed into place: a file
    /// written in several chunks is never published half-written. Files at start-up are read at once.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the whole folder is checked anyway, for file systems whose change notifications get lost.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bytes the articles' rendered bodies may take in memory (their page, text, Markdown and JSON, and the compressed
    /// copies): the least recently asked for are let go and rendered again from their file when next asked for.
    /// </summary>
    public long RenderedBodyBudget { get; set; } = DefaultRenderedBodyBudget;

    /// <summary>64 MiB: about a thousand articles of the seed's length, each in its four forms and compressed.</summary>
    public const long DefaultRenderedBodyBudget = 64L * 1024 * 1024;

    /// <summary>The ranges its settings must be in, checked at start-up.</summary>
    public static Operations.SettingRules<ContentOptions> Rules => new Operations.SettingRules<ContentOptions>(Section)
        .AtLeast(nameof(Debounce), options => options.Debounce)
        .AtLeast(nameof(SettleTime), options => options.SettleTime)
        .Positive(nameof(RescanInterval), options => options.RescanInterval)
        .AtLeast(nameof(RenderedBodyBudget), options => options.RenderedBodyBudget, 0);

    /// <summary>Lets <c>--content DIR</c> on the command line set <see cref="Path"/>.</summary>
    public static readonly IDictionary<string, string> CommandLineSwitches =
        new Dictionary<string, string> { ["--content"] = $"{Section}:{nameof(Path)}" };
}
