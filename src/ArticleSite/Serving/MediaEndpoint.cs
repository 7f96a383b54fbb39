using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Serving;

/// <summary>
/// Serves the media files beside the articles at <see cref="SiteRoutes.MediaPattern"/>. A file's bytes are streamed from
/// the content folder, never kept in the output cache: a 50 MB video must not sit in memory, and the URL, which carries
/// the bytes' hash, is cached for a year by browsers and CDNs instead. Ranges (a video's seeking), HEAD and
/// If-None-Match against the hash as strong ETag are answered by the framework's file result; no Last-Modified is sent,
/// since a file's time differs between replicas.
/// </summary>
public static class MediaEndpoint
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.Map(SiteRoutes.MediaPattern, ServeAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpContext context, string hash, string name, SitePublisher publisher)
    {
        if (publisher.Current.Media.Find(hash, name) is not { } file)
            return Results.NotFound();
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        // Opening a file is IO: it runs on the thread pool, never on the socket thread.
        if (await Task.Run(() => OpenUnchanged(file)) is not { } stream)
            return Results.NotFound();

        var headers = context.Response.Headers;
        headers.CacheControl = CachingOptions.ImmutableCacheControl;
        headers.ContentSecurityPolicy = SecurityHeaders.MediaContentSecurityPolicy;
        return Results.Stream(stream, file.Format.ContentType, entityTag: new EntityTagHeaderValue(file.ETag), enableRangeProcessing: true);
    }

    /// <summary>
    /// The file as it was read, or null when it has changed since: its new bytes get a new URL once the articles that
    /// use it are read again, and this URL must never answer with bytes other than those its hash names.
    /// </summary>
    private static FileStream? OpenUnchanged(MediaFile file)
    {
        try
        {
            var (handle, status) = FileStatus.OpenForReading(file.FullPath);
            if (status.Kind == EntryKind.File && status.Size == file.Length && status.LastWriteUtc == file.LastWriteUtc)
                return new FileStream(handle, FileAccess.Read, bufferSize: 0);
            handle.Dispose();
            return null;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
