using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace ArticleSite.Operations;

/// <summary>
/// The settings checked before the first snapshot is published, as <c>ValidateOnStart</c> would check them, but each read
/// through the <see cref="IOptions{TOptions}"/> its users read anyway. <c>ValidateOnStart</c> reads them through an
/// <see cref="IOptionsMonitor{TOptions}"/>, whose generic types the Native AOT binary builds at run time, four of them a
/// settings type: that was a tenth of the start's work before the first response (docs/benchmarks.md, Cold start).
/// </summary>
internal static class SettingsCheckedAtStart
{
    /// <summary>One settings type to check: reading its value runs its <see cref="IValidateOptions{TOptions}"/>.</summary>
    private sealed record Check(Action<IServiceProvider> Read);

    /// <summary>Checks <typeparamref name="T"/> with the others, in the order they were registered.</summary>
    public static OptionsBuilder<T> CheckedAtStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this OptionsBuilder<T> options) where T : class
    {
        options.Services.AddOptionsBuiltAhead<T>();
        options.Services.AddSingleton(new Check(services => _ = services.GetRequiredService<IOptions<T>>().Value));
        return options;
    }

    /// <summary>
    /// Reads every checked settings type: one <see cref="OptionsValidationException"/> when one is wrong, an
    /// <see cref="AggregateException"/> of them when several are (as <c>ValidateOnStart</c> throws).
    /// </summary>
    public static void CheckSettings(this IServiceProvider services)
    {
        var problems = new List<OptionsValidationException>();
        foreach (var check in services.GetServices<Check>())
        {
            try
            {
                check.Read(services);
            }
            catch (OptionsValidationException problem)
            {
                problems.Add(problem);
            }
        }
        if (problems.Count == 1)
            throw problems[0];
        if (problems.Count > 1)
            throw new AggregateException(problems);
    }
}
