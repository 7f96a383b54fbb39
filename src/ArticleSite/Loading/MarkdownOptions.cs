namespace ArticleSite.Loading;

/// <summary>How article Markdown is read: the "Markdown" configuration section.</summary>
internal sealed class MarkdownOptions
{
    public const string Section = "Markdown";

    /// <summary>What becomes of raw HTML written in an article.</summary>
    public RawHtml RawHtml { get; set; } = RawHtml.Sanitize;

    /// <summary>The values its settings may take, checked at start-up: the binder takes a number for an enum, any number.</summary>
    public static Operations.SettingRules<MarkdownOptions> Rules => new Operations.SettingRules<MarkdownOptions>(Section)
        .Add(options => Enum.IsDefined(options.RawHtml) ? null : $"{Section}:{nameof(RawHtml)} {options.RawHtml} is not one of sanitize, text, omit");
}

/// <summary>What becomes of raw HTML written in an article (<c>Markdown:RawHtml</c>).</summary>
internal enum RawHtml
{
    /// <summary>The harmless elements and attributes GitHub allows are rendered; every other tag is dropped, its text kept.</summary>
    Sanitize,

    /// <summary>Every tag is shown as literal text.</summary>
    Text,

    /// <summary>Every tag is dropped: HTML blocks with their content, inline tags alone.</summary>
    Omit,
}
