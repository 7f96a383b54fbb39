using ArticleSite.Loading;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>Loads the content folder into a snapshot and hands it to the endpoints.</summary>
public sealed partial class SitePublisher(IOptions<ContentOptions> options, ILogger<SitePublisher> logger)
{
    private SiteSnapshot? current;

    /// <summary>The snapshot being served; set by <see cref="PublishAsync"/> before the server starts listening.</summary>
    public SiteSnapshot Current => current ?? throw new InvalidOperationException("Nothing has been published yet.");

    public string Folder { get; } = ContentFolder.Locate(options.Value.Path);

    /// <exception cref="ContentException">The folder is missing, or holds no article that can be published.</exception>
    public Task PublishAsync()
    {
        var (articles, problems) = ContentFolder.Load(Folder);
        if (articles.Count == 0)
            throw problems.Count == 1 ? problems[0] : new ContentException(Folder, $"none of its {problems.Count} files can be published, e.g. {problems[0].Message}");

        foreach (var problem in problems)
            LogSkippedFile(problem.Path, problem.Reason);

        current = new SiteSnapshot(articles);
        LogPublished(articles.Count, Folder, current.Lead.Metadata.Slug);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Warning, "Skipped {Path}: {Reason}")]
    private partial void LogSkippedFile(string path, string reason);

    [LoggerMessage(LogLevel.Information, "Published {Count} article(s) from {Folder}; the lead is {Slug}")]
    private partial void LogPublished(int count, string folder, string slug);
}
