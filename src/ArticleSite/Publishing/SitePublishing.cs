using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>The publisher with the settings it reads, and the first snapshot, which is published before anything is served.</summary>
public static class SitePublishing
{
    public static IServiceCollection AddSitePublisher(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<ContentOptions>>(ContentOptions.Rules);
        services.AddOptions<ContentLimits>().BindConfiguration(ContentLimits.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<ContentLimits>>(ContentLimits.Rules);
        services.AddOptions<MarkdownOptions>().BindConfiguration(MarkdownOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<MarkdownOptions>>(MarkdownOptions.Rules);
        services.AddOptions<CacheFolderOptions>().BindConfiguration(CacheFolderOptions.Section);
        // Decides which articles are out yet; tests give the publisher a clock of their own.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SitePublisher>();
        return services;
    }

    /// <summary>
    /// Checks the site's settings and publishes the first snapshot: false, with one line on standard error, when a setting
    /// is wrong or the content folder cannot be published at all.
    /// </summary>
    public static async Task<bool> TryPublishFirstSnapshotAsync(this WebApplication app)
    {
        try
        {
            // Every setting registered with CheckedAtStart, checked now: the first publish reads them before the host starts.
            app.Services.CheckSettings();
            await app.Services.GetRequiredService<SitePublisher>().PublishAsync();
            return true;
        }
        catch (OptionsValidationException problem)
        {
            return await CannotStartAsync(problem);
        }
        catch (AggregateException problems) when (problems.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return await CannotStartAsync(new InvalidOperationException(string.Join("; ", problems.InnerExceptions.Select(inner => inner.Message))));
        }
        catch (ContentException problem)
        {
            return await CannotStartAsync(problem);
        }
        catch (InvalidOperationException problem) when (problem.InnerException is FormatException or ArgumentException or OverflowException)
        {
            // A setting that does not convert (e.g. Markdown:RawHtml=html): the binder's message names the key and the value.
            return await CannotStartAsync(problem);
        }
    }

    private static async Task<bool> CannotStartAsync(Exception problem)
    {
        await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
        return false;
    }
}
