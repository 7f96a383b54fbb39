using ArticleSite.Loading;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>Loads the content folder, renders the lead article once and hands the snapshot to the endpoints.</summary>
public sealed partial class ArticlePublisher(IOptions<ContentOptions> options, ILogger<ArticlePublisher> logger)
{
    private ArticleSnapshot? current;

    /// <summary>The snapshot being served; set by <see cref="PublishAsync"/> before the server starts listening.</summary>
    public ArticleSnapshot Current => current ?? throw new InvalidOperationException("No article has been published yet.");

    public string Folder { get; } = ContentFolder.Locate(options.Value.Path);

    /// <exception cref="ContentException">The folder is missing, or holds no article that can be published.</exception>
    public async Task PublishAsync()
    {
        var (articles, problems) = ContentFolder.Load(Folder);
        if (articles.Count == 0)
            throw problems.Count == 1 ? problems[0] : new ContentException(Folder, $"none of its {problems.Count} files can be published, e.g. {problems[0].Message}");

        foreach (var problem in problems)
            LogSkippedFile(problem.Path, problem.Reason);

        var lead = articles.OrderByDescending(article => article.Metadata.Date).ThenBy(article => article.SourcePath, StringComparer.Ordinal).First();
        current = await ArticleSnapshot.RenderAsync(lead);
        LogPublished(lead.Metadata.Slug, lead.SourcePath, current.Page.ETag);
    }

    [LoggerMessage(LogLevel.Warning, "Skipped {Path}: {Reason}")]
    private partial void LogSkippedFile(string path, string reason);

    [LoggerMessage(LogLevel.Information, "Published {Slug} from {Path} (page ETag {ETag})")]
    private partial void LogPublished(string slug, string path, string eTag);
}
