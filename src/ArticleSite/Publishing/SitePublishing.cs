using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>The publisher with the settings it reads, and the first snapshot, which is published before anything is served.</summary>
internal static partial class SitePublishing
{
    public static IServiceCollection AddSitePublisher(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<ContentOptions>>(ContentOptions.Rules);
        services.AddOptions<ContentLimits>().BindConfiguration(ContentLimits.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<ContentLimits>>(ContentLimits.Rules);
        services.AddOptions<MarkdownOptions>().BindConfiguration(MarkdownOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<MarkdownOptions>>(MarkdownOptions.Rules);
        services.AddOptions<CacheFolderOptions>().BindConfiguration(CacheFolderOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<CacheFolderOptions>>(CacheFolderOptions.Rules);
        // Decides which articles are out yet and times every reload; tests give the site a clock of their own.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentLibrary>(OpenLibrary);
        services.AddSingleton<SiteIdentityReader>();
        services.AddSingleton<IndexSaver>();
        services.AddSingleton<SitePublisher>();
        services.AddHostedService<PublishingLoop>();
        return services;
    }

    /// <summary>The content folder's library, with the article index of the cache folder when there can be one.</summary>
    private static ContentLibrary OpenLibrary(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ContentOptions>>().Value;
        var limits = services.GetRequiredService<IOptions<ContentLimits>>().Value;
        var rawHtml = services.GetRequiredService<IOptions<MarkdownOptions>>().Value.RawHtml;
        var time = services.GetRequiredService<TimeProvider>();
        var folder = ContentFolder.Locate(options.Path);
        return new ContentLibrary(folder, limits, rawHtml, options.SettleTime, time)
        {
            Index = OpenIndex(services.GetRequiredService<IOptions<CacheFolderOptions>>().Value, folder, limits, rawHtml, time, services.GetRequiredService<ILoggerFactory>()),
        };
    }

    /// <summary>The article index in the cache folder, whose folder is made on first use; none when the site keeps nothing on disk or SQLite cannot be loaded.</summary>
    private static ArticleIndex? OpenIndex(CacheFolderOptions cacheOptions, string folder, ContentLimits limits, RawHtml rawHtml, TimeProvider time, ILoggerFactory loggers)
    {
        var indexLogger = loggers.CreateLogger<ArticleIndex>();
        try
        {
            return IndexDatabase.Open(cacheOptions.PathFor("index"), folder, limits, rawHtml, indexLogger) is { } database
                ? new ArticleIndex(database, folder, limits, rawHtml, indexLogger, time)
                : null;
        }
#pragma warning disable CA1031 // the index only saves time: SQLite's library missing costs the index alone
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogNoIndex(loggers.CreateLogger<SitePublisher>(), cacheOptions.Path, failure.Message);
            return null;
        }
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

    /// <summary>
    /// Renders the lead article's body, which <c>/</c> serves, for the origin the first request will be answered for, on
    /// the thread pool while the host starts on the main thread: on a cold start the first 200 then waits for the one
    /// that finishes last instead of both in turn (docs/benchmarks.md, Cold start). The request asks the store of bodies
    /// for the same key and shares the rendering; nothing is rendered ahead when the origin is known only once the server
    /// listens, and a failed rendering is forgotten by the store, to be made again for the request.
    /// </summary>
    public static void RenderLeadAhead(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PublicOrigin>().BeforeListening(app.Configuration) is not { } origin)
            return;
        var snapshot = app.Services.GetRequiredService<SitePublisher>().Current;
        _ = Task.Run(() => snapshot.Bodies.GetAsync(snapshot.Lead, origin, path: null, snapshot.TranslationsOf(snapshot.Lead)))
            .ContinueWith(rendering => rendering.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(LogLevel.Warning, "No article index in the cache folder {Path}: {Reason}; every file is read at each start")]
    private static partial void LogNoIndex(ILogger logger, string path, string reason);

    private static async Task<bool> CannotStartAsync(Exception problem)
    {
        await Console.Error.WriteLineAsync($"ArticleSite cannot start: {problem.Message}");
        return false;
    }
}
