using ArticleSite.Loading;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using ArticleSite.Serving;
using Microsoft.Net.Http.Headers;

namespace ArticleSite.Media;

/// <summary>
/// Serves the media files beside the articles at <see cref="SiteRoutes.MediaPattern"/>. A file's bytes are streamed from
/// the content folder, never kept in the output cache: a 50 MB video must not sit in memory, and the URL, which carries
/// the bytes' hash, is cached for a year by browsers and CDNs instead. Ranges (a video's seeking), HEAD and
/// If-None-Match against the hash as strong ETag are answered by the framework's file result; no Last-Modified is sent,
/// since a file's time differs between replicas. A picture's variants (<see cref="PictureVariant"/>) are served at
/// their URLs beside it the same way once made, each with the hash of its own bytes as ETag (libvips builds differ in
/// the bytes they make); until then their URL answers with the WebP of the same width, or the picture itself, marked
/// no-cache so that browsers and CDNs come back for the variant.
/// </summary>
internal static class MediaEndpoint
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.Map(SiteRoutes.MediaPattern, ServeAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ServeAsync(HttpContext context, string hash, string name, SitePublisher publisher, PictureVariants variants)
    {
        var media = publisher.Current.Media;
        var file = media.Find(hash, name);
        var variant = file is null && media.Find(hash) is { } original ? PictureVariant.Find(original, name) : null;
        if (file is null && variant is null)
            return Results.NotFound();
        if (!ReadMethods.Allows(context.Request.Method))
            return ReadMethods.NotAllowed(context.Response);
        if (variant is not null)
            return await ServeVariantAsync(context, variant, variants);
        // Opening a file is IO: it runs on the thread pool, never on the socket thread.
        if (await Task.Run(() => OpenUnchanged(file!)) is not { } stream)
            return Results.NotFound();
        return Serve(context, stream, file!.Format, file.ETag, HttpCachingOptions.ImmutableCacheControl);
    }

    private static async Task<IResult> ServeVariantAsync(HttpContext context, PictureVariant variant, PictureVariants variants)
    {
        // A made file gone since it was found (the cache folder emptied) is answered like one not made yet.
        var (stream, made, entityTag) = await Task.Run(() => MadeOrQueued(variant, variants) is var (path, ready) && OpenVariant(path) is { } opened
            ? (opened, ready, variants.EntityTagOf(path, opened))
            : (OpenUnchanged(variant.Original), null, variant.Original.ETag));
        if (stream is null)
            return Results.NotFound();
        return made is null ? Serve(context, stream, variant.Original.Format, entityTag, NotMadeYetCacheControl)
            : Serve(context, stream, made.Format, entityTag, ReferenceEquals(made, variant) ? HttpCachingOptions.ImmutableCacheControl : NotMadeYetCacheControl);
    }

    /// <summary>The made file a variant's URL answers with now (<see cref="PictureVariants.FindMade"/>); unless it is the variant itself, the variant is queued.</summary>
    private static (string Path, PictureVariant Variant)? MadeOrQueued(PictureVariant variant, PictureVariants variants)
    {
        var made = variants.FindMade(variant);
        if (made?.Variant != variant)
            variants.QueueMissing(variant);
        return made;
    }

    /// <summary>What a variant's URL answers before the variant is made: stored, but asked for again before each use.</summary>
    private const string NotMadeYetCacheControl = "no-cache";

    private static IResult Serve(HttpContext context, FileStream stream, MediaFormat format, string entityTag, string cacheControl)
    {
        var headers = context.Response.Headers;
        // A date never holds (ByteRanges.IfRangeHolds): the whole file, as for every other URL.
        if (ByteRanges.IfRangeNamesNoEntityTag(context.Request.Headers.IfRange.ToString()))
            context.Request.Headers.Range = default;
        headers.CacheControl = cacheControl;
        headers.ContentSecurityPolicy = SecurityHeaders.MediaContentSecurityPolicy;
        return Results.Stream(stream, format.ContentType, entityTag: new EntityTagHeaderValue(entityTag), enableRangeProcessing: true);
    }

    /// <summary>A variant's file in the cache, which is only ever replaced whole; null when it has gone (the cache folder was emptied).</summary>
    private static FileStream? OpenVariant(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
            if (status.Kind == EntryKind.File && status.Stamp == file.Stamp)
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
