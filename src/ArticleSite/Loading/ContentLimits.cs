namespace ArticleSite.Loading;

/// <summary>
/// The budgets of the content pipeline: how much of the folder is read, and how big, deep, slow or expensive one file may
/// be, so that no file can stop the site or its publishing. Each value is far above what a news article needs; docs/content.md
/// (Content limits) says why each one. Bound from the "ContentLimits" configuration section.
/// </summary>
internal sealed class ContentLimits
{
    public const string Section = "ContentLimits";

    /// <summary>A long feature is 100 KB of Markdown; 4 MiB is forty of them, and what is read is held in memory.</summary>
    public long MaxFileBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The body a file would render to, estimated from its syntax tree before any rendering: reference links can multiply it.</summary>
    public long MaxRenderedBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Lists in quotations in lists: real articles nest a few levels; the renderer itself stops at 128.</summary>
    public int MaxNestingDepth { get; set; } = 32;

    /// <summary>
    /// Characters of one paragraph or heading: a long one is 3,000; Markdig's inline parsing takes time that grows with
    /// the square of the length for some inputs, so a few megabytes of one paragraph could take hours.
    /// </summary>
    public int MaxParagraphLength { get; set; } = 32 * 1024;

    /// <summary>Blocks (paragraphs, headings, list items …) of one article.</summary>
    public int MaxBlocks { get; set; } = 20_000;

    /// <summary>Headings of one article: each gets a unique id, which costs more the more headings share a title.</summary>
    public int MaxHeadings { get; set; } = 1_000;

    /// <summary>Link reference definitions (<c>[label]: url</c>) of one article.</summary>
    public int MaxLinkDefinitions { get; set; } = 1_000;

    /// <summary>How long reading and parsing one file may take before it is reported and the others publish without it.</summary>
    public TimeSpan FileTimeBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which a file read from now on has spent its <see cref="FileTimeBudget"/>.</summary>
    public long FileDeadlineFromNow() =>
        System.Diagnostics.Stopwatch.GetTimestamp() + (long)(FileTimeBudget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Files and folders visited in one scan of the content folder.</summary>
    public int MaxFolderEntries { get; set; } = 1_000_000;

    /// <summary>Folders below the content folder.</summary>
    public int MaxFolderDepth { get; set; } = 32;

    /// <summary>
    /// Bytes of one picture, sound, video or PDF beside the articles: a large news photo is 10 MB, a minute of web video
    /// 50 MB. Each file is hashed when an article that uses it is read; it is never held in memory whole.
    /// </summary>
    public long MaxMediaBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>
    /// Pixels a picture may declare: a 50-megapixel camera's photo fits, a decompression bomb (a small PNG declaring
    /// 50,000 × 50,000 pixels, 10 GB once decoded) does not. Read from the header, before anything is decoded.
    /// </summary>
    public long MaxMediaPixels { get; set; } = 50_000_000;

    /// <summary>
    /// Problems /healthz and the log list one by one; past them, one line says how many more there are (<c>check</c>
    /// lists every one). 200,000 empty files made a 15.5 MB health detail and 400,020 log lines at each start (docs/operations.md, Health, says how it was measured).
    /// </summary>
    public int MaxProblemsListed { get; set; } = 100;

    /// <summary>What /healthz and the log say in place of the problems past <see cref="MaxProblemsListed"/>.</summary>
    public string NotListed(int more) =>
        $"{more:N0} more problem(s), not listed one by one (ContentLimits:MaxProblemsListed is {MaxProblemsListed:N0}); 'ArticleSite check' lists every one";

    /// <summary>The ranges its settings must be in, checked at start-up: every budget lets at least one of what it counts through.</summary>
    public static Operations.SettingRules<ContentLimits> Rules => new Operations.SettingRules<ContentLimits>(Section)
        .AtLeast(nameof(MaxFileBytes), limits => limits.MaxFileBytes, 1)
        .AtLeast(nameof(MaxRenderedBytes), limits => limits.MaxRenderedBytes, 1)
        .AtLeast(nameof(MaxNestingDepth), limits => limits.MaxNestingDepth, 1)
        .AtLeast(nameof(MaxParagraphLength), limits => limits.MaxParagraphLength, 1)
        .AtLeast(nameof(MaxBlocks), limits => limits.MaxBlocks, 1)
        .AtLeast(nameof(MaxHeadings), limits => limits.MaxHeadings, 1)
        .AtLeast(nameof(MaxLinkDefinitions), limits => limits.MaxLinkDefinitions, 1)
        .Positive(nameof(FileTimeBudget), limits => limits.FileTimeBudget)
        .AtLeast(nameof(MaxFolderEntries), limits => limits.MaxFolderEntries, 1)
        .AtLeast(nameof(MaxFolderDepth), limits => limits.MaxFolderDepth, 1)
        .AtLeast(nameof(MaxMediaBytes), limits => limits.MaxMediaBytes, 1)
        .AtLeast(nameof(MaxMediaPixels), limits => limits.MaxMediaPixels, 1)
        .AtLeast(nameof(MaxProblemsListed), limits => limits.MaxProblemsListed, 0);

    /// <summary>A time budget as problems state it: "5 s", "300 ms".</summary>
    public static string Describe(TimeSpan budget) =>
        budget >= TimeSpan.FromSeconds(1) ? $"{budget.TotalSeconds:0.#} s" : $"{budget.TotalMilliseconds:0} ms";
}
