using System.Globalization;
using System.Text.RegularExpressions;

namespace ArticleSite.Loading;

/// <summary>
/// A date as the author wrote it: a calendar day, or a moment with the author's UTC offset, which is kept so that the
/// page shows the day the author meant while machines get the instant.
/// </summary>
public readonly partial record struct ArticleDate(DateTimeOffset Value, bool HasTime) : IComparable<ArticleDate>
{
    /// <summary>The calendar day in the author's offset.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Value.DateTime);

    /// <summary>The moment it stands for; a day alone starts at midnight UTC.</summary>
    public DateTimeOffset Instant => Value;

    /// <summary>For machines: "2025-11-01" for a day, RFC 3339 with the author's offset ("2025-01-29T18:15:32+05:30") for a moment.</summary>
    public string Iso => HasTime
        ? Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
        : Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>For readers, e.g. "1 November 2025": the day in the author's offset.</summary>
    public string Display => Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public int CompareTo(ArticleDate other) => Value.CompareTo(other.Value);

    public static bool operator <(ArticleDate left, ArticleDate right) => left.CompareTo(right) < 0;

    public static bool operator >(ArticleDate left, ArticleDate right) => left.CompareTo(right) > 0;

    public static bool operator <=(ArticleDate left, ArticleDate right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ArticleDate left, ArticleDate right) => left.CompareTo(right) >= 0;

    /// <summary>The forms a writer may use, for problem messages.</summary>
    public const string Forms = "a date such as 2025-11-01, or a date and time such as 2025-11-01T09:30:00+09:00 or 2025-11-01 09:30:00 +0900";

    /// <summary>Why a date written in one of the <see cref="Forms"/> cannot be kept: the range a moment can take.</summary>
    public const string YearRange = "a year from 0001 to 9999";

    /// <summary>Why a date-time whose offset takes it out of the calendar cannot be kept.</summary>
    public const string InstantRange = "a moment from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z once its offset is applied";

    /// <summary>
    /// Reads a day (2025-11-01), an RFC 3339 date-time (2025-11-01T09:30:00+09:00, 'Z' for UTC, a space for the 'T'),
    /// or Jekyll's 2025-01-29 18:15:32 +0530. A time without an offset is taken as UTC.
    /// </summary>
    public static bool TryParse(string text, out ArticleDate date) => TryParse(text, out date, out _);

    /// <inheritdoc cref="TryParse(string, out ArticleDate)"/>
    /// <param name="outOfRange">When the text has a date's form but no moment of the calendar: <see cref="YearRange"/> or <see cref="InstantRange"/>.</param>
    public static bool TryParse(string text, out ArticleDate date, out string? outOfRange)
    {
        date = default;
        outOfRange = null;
        if (DatePattern().Match(text.Trim()) is not { Success: true } match)
            return false;
        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;

        var (year, month, day) = (Number("year"), Number("month"), Number("day"));
        if (year < 1)
        {
            outOfRange = YearRange;
            return false;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        if (!match.Groups["hour"].Success)
        {
            date = new ArticleDate(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), HasTime: false);
            return true;
        }

        var (hour, minute, second) = (Number("hour"), Number("minute"), Number("second"));
        var offset = TimeSpan.Zero;
        if (match.Groups["offset"] is { Success: true, Value: var sign and not ("Z" or "z") })
            offset = new TimeSpan(Number("offsetHours"), Number("offsetMinutes"), 0) * (sign[0] == '-' ? -1 : 1);
        if (hour > 23 || minute > 59 || second > 59 || offset.Duration() > TimeSpan.FromHours(14))
            return false;
        var clock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (clock - DateTime.MinValue < offset || DateTime.MaxValue - clock < -offset)
        {
            outOfRange = InstantRange;
            return false;
        }
        var fraction = match.Groups["fraction"].Success
            ? (long)(double.Parse("0" + match.Groups["fraction"].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond)
            : 0;
        date = new ArticleDate(new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fraction), HasTime: true);
        return true;
    }

    /// <summary>The day a file's name starts with (Jekyll's 2025-01-29-slug.md), or the one its folders spell (2018/07/27/slug.md).</summary>
    public static ArticleDate? FromPath(string path)
    {
        var normalized = path.Replace('\\', '/');
        var match = FileNameDatePattern().Match(normalized);
        if (!match.Success)
            match = FolderDatePattern().Match(normalized);
        return DayOf(match);
    }

    /// <summary>
    /// The day an old URL spells (Zola's <c>path = "2023/12/15/slug"</c>, Jekyll's <c>permalink</c>, Hugo's <c>url</c>), in
    /// its folders (2023/12/15/) or its last segment's leading date (2023-12-15-slug); null when it spells none.
    /// </summary>
    public static ArticleDate? FromUrl(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" ? address.AbsolutePath : url;
        var match = UrlDatePattern().Match(path);
        if (!match.Success)
            match = FileNameDatePattern().Match(path.TrimEnd('/'));
        return DayOf(match);
    }

    private static ArticleDate? DayOf(Match match) =>
        match.Success && TryParse($"{match.Groups["year"].Value}-{match.Groups["month"].Value}-{match.Groups["day"].Value}", out var date)
            ? date
            : null;

    [GeneratedRegex(@"(?:^|/)(?<year>\d{4})/(?<month>\d{2})/(?<day>\d{2})(?:/|\z)")]
    private static partial Regex UrlDatePattern();

    // Jekyll's own site has a date with its year written twice before the offset (2023-01-29 18:30:22 2023 -0800):
    // Ruby reads it, and so does this, when the repeated year is the same.
    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[Tt ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?<fraction>\.\d{1,9})?)?(?:\s+\k<year>(?=\s))?\s*(?<offset>[Zz]|(?<sign>[+-])(?<offsetHours>\d{2}):?(?<offsetMinutes>\d{2}))?)?\z")]
    private static partial Regex DatePattern();

    // The file itself, or the folder of a page bundle (…/2025-01-29-slug/index.md).
    [GeneratedRegex(@"(?:^|/)(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})-[^/]+(?:/index\.(?:md|markdown))?\z")]
    private static partial Regex FileNameDatePattern();

    [GeneratedRegex(@"(?:^|/)(?<year>\d{4})/(?<month>\d{2})/(?<day>\d{2})/(?:[^/]+/)?[^/]+\z")]
    private static partial Regex FolderDatePattern();
}
