using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace ArticleSite.Operations;

/// <summary>
/// Settings read through <see cref="IOptions{TOptions}"/> with their types closed where the compiler sees them. The options
/// machinery registers <c>IOptions&lt;&gt;</c> and <c>IOptionsFactory&lt;&gt;</c> as open generic services, whose closed
/// types a Native AOT binary builds at run time for each settings type it reads; registered here for one settings type,
/// they are compiled into the binary instead (docs/benchmarks.md, Cold start). Every <c>Configure</c>,
/// <c>PostConfigure</c> and validation registered for the type still applies: the factory is the framework's own.
/// </summary>
internal static class OptionsBuiltAhead
{
    public static IServiceCollection AddOptionsBuiltAhead<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services) where T : class
    {
        services.AddTransient<IOptionsFactory<T>>(provider => new OptionsFactory<T>(
            provider.GetServices<IConfigureOptions<T>>(), provider.GetServices<IPostConfigureOptions<T>>(), provider.GetServices<IValidateOptions<T>>()));
        services.AddSingleton<IOptions<T>>(provider => new OptionsManager<T>(provider.GetRequiredService<IOptionsFactory<T>>()));
        return services;
    }
}
