using Microsoft.Extensions.Options;

namespace ArticleSite.Operations;

/// <summary>
/// The range each setting of one options type must be in, checked before the first snapshot is published
/// (<see cref="SettingsCheckedAtStart"/>): a value outside it stops the site with one line naming the key, the value and
/// the range, rather than a crash or a silent substitute later. Plain delegates, nothing reflected: Native AOT keeps it whole.
/// </summary>
internal sealed class SettingRules<T>(string section) : IValidateOptions<T> where T : class
{
    private readonly List<Func<T, string?>> rules = [];

    /// <summary>A count or a number of bytes of at least <paramref name="least"/>.</summary>
    public SettingRules<T> AtLeast(string key, Func<T, long> value, long least) =>
        Add(options => value(options) is var found && found < least ? $"{section}:{key} {found} is less than {least}" : null);

    /// <summary>A time span of at least <paramref name="least"/> (zero when not given).</summary>
    public SettingRules<T> AtLeast(string key, Func<T, TimeSpan> value, TimeSpan least = default) =>
        Add(options => value(options) is var found && found < least ? $"{section}:{key} {found} is less than {least}" : null);

    /// <summary>A time span more than zero: a timer's period.</summary>
    public SettingRules<T> Positive(string key, Func<T, TimeSpan> value) =>
        Add(options => value(options) is var found && found <= TimeSpan.Zero ? $"{section}:{key} {found} is not more than zero" : null);

    /// <summary>Any other rule: the problem in words, or null.</summary>
    public SettingRules<T> Add(Func<T, string?> rule)
    {
        rules.Add(rule);
        return this;
    }

    public ValidateOptionsResult Validate(string? name, T options)
    {
        var broken = rules.Select(rule => rule(options)).OfType<string>().ToList();
        return broken.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(broken);
    }
}
