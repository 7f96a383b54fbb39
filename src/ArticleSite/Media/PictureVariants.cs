using System.Collections.Concurrent;
using System.Threading.Channels;
using ArticleSite.Loading;
using ArticleSite.Operations;
using ArticleSite.Publishing;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;
using NetVips;

namespace ArticleSite.Media;

/// <summary>
/// Makes the pictures' variants off the request path and keeps them in the cache folder, by the original's hash, width
/// and format: a restart or a new snapshot finds them there and encodes nothing again. Each snapshot's pictures are queued
/// once; at most <see cref="PictureVariantOptions.MaxConcurrentEncodes"/> are encoded at a time, WebP (fast) before AVIF
/// (slow). A request never waits for an encode: until a variant is made, its URL answers with what there is.
/// </summary>
internal sealed partial class PictureVariants : BackgroundService
{
    /// <summary>A snapshot loop wakes up this often even without a new snapshot, to see whether the host is stopping.</summary>
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromMinutes(10);

    private readonly SitePublisher publisher;
    private readonly PictureVariantOptions options;
    private readonly ILogger<PictureVariants> logger;
    private readonly SiteMetrics metrics;
    private readonly Channel<MediaFile> queue;
    private readonly Lazy<string?> folder;

    /// <summary>The sources queued or being encoded, by hash.</summary>
    private readonly ConcurrentDictionary<string, bool> queued = new(StringComparer.Ordinal);

    /// <summary>The originals this process is done with, by hash: true when every variant is on disk, false when the original cannot be decoded.</summary>
    private readonly ConcurrentDictionary<string, bool> finished = new(StringComparer.Ordinal);

    /// <summary>The validators of the variant files served, by path, with the length and time of the file hashed.</summary>
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, string Tag)> tags = new(StringComparer.Ordinal);

    /// <summary>The sources being encoded, by hash, each with what stops it: the host stopping, or a snapshot that no longer names it.</summary>
    private readonly ConcurrentDictionary<string, CancellationTokenSource> encoding = new(StringComparer.Ordinal);

    private readonly Lock idleLock = new();
    private int pending;
    private TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long encoded;

    /// <summary>The last snapshot whose pictures were queued; guarded by <see cref="idleLock"/>.</summary>
    private SiteSnapshot? lastQueued;

    public PictureVariants(SitePublisher publisher, IOptions<PictureVariantOptions> options, IOptions<CacheFolderOptions> cache, ILogger<PictureVariants> logger, SiteMetrics metrics)
    {
        this.publisher = publisher;
        this.options = options.Value;
        this.logger = logger;
        this.metrics = metrics;
        idle.SetResult();
        queue = Channel.CreateBounded<MediaFile>(new BoundedChannelOptions(Math.Max(1, this.options.MaxQueuedPictures)) { FullMode = BoundedChannelFullMode.Wait });
        folder = new(() => PictureEncoder.IsAvailable ? FolderIn(cache.Value) : Unavailable());
    }

    /// <summary>No folder: libvips cannot be loaded, which is logged once, when the first picture with variants asks for it.</summary>
    private string? Unavailable()
    {
        LogUnavailable();
        return null;
    }

    /// <summary>The cache's folder of variants; null, logged, when it cannot be created (the site then serves pictures as they are).</summary>
    private string? FolderIn(CacheFolderOptions cache)
    {
        try
        {
            return cache.FolderFor("variants");
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            LogNoFolder(cache.Path, problem.Message);
            return null;
        }
    }

    /// <summary>
    /// The folder of the variants made; null when none are made (no cache folder, or libvips cannot load). Loads libvips
    /// the first time it is read: only for a picture that has variants, so a site with none never loads it.
    /// </summary>
    public string? Folder => folder.Value;

    /// <summary>Variant files this process has encoded.</summary>
    public long Encoded => Interlocked.Read(ref encoded);

    /// <summary>Completes when nothing is queued or being encoded (the tests wait for it, never for a time).</summary>
    public Task WhenIdle
    {
        get
        {
            lock (idleLock)
                return idle.Task;
        }
    }

    /// <summary>
    /// The file to answer a variant's URL with now: the variant itself when it is made; else, for an AVIF, the WebP of the
    /// same width when that is made; else null (the original picture). Queues nothing: see <see cref="QueueMissing"/>.
    /// Reads the disk: call it off the socket thread.
    /// </summary>
    public (string Path, PictureVariant Variant)? FindMade(PictureVariant variant)
    {
        if (Folder is null)
            return null;
        var path = Path.Combine(Folder, variant.CacheName);
        if (File.Exists(path))
            return (path, variant);
        var webp = variant with { Format = MediaFormat.WebP };
        var webpPath = Path.Combine(Folder, webp.CacheName);
        return variant.Format == MediaFormat.Avif && File.Exists(webpPath) ? (webpPath, webp) : null;
    }

    /// <summary>Queues the original of a variant that <see cref="FindMade"/> did not find: not made yet, or made and deleted since.</summary>
    public void QueueMissing(PictureVariant variant)
    {
        finished.TryRemove(new KeyValuePair<string, bool>(variant.Original.Hash, true)); // its variants were made, and deleted since
        Queue(variant.Original);
    }

    /// <summary>
    /// The strong validator of a made variant's file: the hash of its bytes, as a media file's is, never its original and
    /// width (replicas whose libvips builds differ make other bytes for one variant). Hashed once per file and process;
    /// a file replaced since (the cache folder emptied and filled again) is hashed again.
    /// </summary>
    public string EntityTagOf(string path, FileStream opened)
    {
        var stamp = new FileStamp(path, opened.Length, File.GetLastWriteTimeUtc(opened.SafeFileHandle));
        if (tags.TryGetValue(path, out var known) && known.Stamp == stamp)
            return known.Tag;
        var tag = $"\"{MediaHash.Of(opened)}\"";
        opened.Position = 0;
        tags[path] = (stamp, tag);
        return tag;
    }

    /// <summary>Queues a picture for its variants unless it has none, is queued, or this process is done with it.</summary>
    public void Queue(MediaFile file)
    {
        if (options.MaxConcurrentEncodes <= 0 || PictureVariant.Of(file).Count == 0 || Folder is null
            || finished.ContainsKey(file.Hash) || !queued.TryAdd(file.Hash, true))
            return;
        lock (idleLock)
        {
            if (pending++ == 0)
                idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (!queue.Writer.TryWrite(file))
        {
            queued.TryRemove(file.Hash, out _);
            Done();
        }
    }

    /// <summary>Queues the first snapshot's pictures before the host has started: whoever waits for <see cref="WhenIdle"/> after that waits for them.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        QueueNewSnapshot();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(0, options.MaxConcurrentEncodes)).Select(_ => Task.Run(() => EncodeQueuedAsync(stoppingToken), stoppingToken)).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = QueueNewSnapshot();
            if (seen is null)
                await Task.Delay(SnapshotWait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            else
                await publisher.NextSnapshotAsync(seen, SnapshotWait, stoppingToken);
        }
        await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Queues the pictures of the snapshot being served, if it is not the one queued last; returns that snapshot.</summary>
    private SiteSnapshot? QueueNewSnapshot()
    {
        SiteSnapshot snapshot;
        lock (idleLock)
        {
            if (!publisher.HasPublished || ReferenceEquals(publisher.Current, lastQueued))
                return lastQueued;
            snapshot = lastQueued = publisher.Current;
        }
        var named = snapshot.Media.Files.Select(file => file.Hash).ToHashSet(StringComparer.Ordinal);
        foreach (var (hash, job) in encoding)
        {
            if (!named.Contains(hash))
                job.Cancel();
        }
        foreach (var file in snapshot.Media.Files)
            Queue(file);
        return snapshot;
    }

    private async Task EncodeQueuedAsync(CancellationToken stoppingToken)
    {
        await foreach (var file in queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Never disposed: a snapshot published meanwhile may still cancel it; it is linked to nothing that outlives it.
            var job = new CancellationTokenSource();
            encoding[file.Hash] = job;
            using (stoppingToken.UnsafeRegister(_ => job.Cancel(), null))
            {
                if (EncodeAll(file, job.Token) is { } done)
                    finished[file.Hash] = done;
            }
            encoding.TryRemove(file.Hash, out _);
            queued.TryRemove(file.Hash, out _);
            Done();
        }
    }

    /// <summary>
    /// Makes the variants not on disk yet, every WebP before the first AVIF, from one verified copy of the picture; false when
    /// the original cannot be decoded within its budget; null when the file no longer holds the bytes its hash names (then
    /// nothing is made, and the next snapshot, which reads the file again, queues what it holds now) or when the cache
    /// folder cannot be written now (the picture is queued again when it is next asked for).
    /// </summary>
    private bool? EncodeAll(MediaFile file, CancellationToken stop)
    {
        try
        {
            Directory.CreateDirectory(Folder!); // a cache folder deleted while the site runs is made again
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            LogCannotWrite(Folder!, problem.Message);
            return null;
        }
        var missing = PictureVariant.Of(file).OrderBy(variant => variant.Format == MediaFormat.Avif)
            .Select(variant => (Variant: variant, Path: Path.Combine(Folder!, variant.CacheName))).Where(made => !File.Exists(made.Path)).ToList();
        if (missing.Count == 0)
            return true;
        OriginalPicture original;
        try
        {
            original = OriginalPicture.CopyOf(file, Folder!);
        }
        catch (PictureChangedException changed)
        {
            LogSourceChanged(file.RelativePath, changed.Message);
            return null;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            LogCannotWrite(Folder!, problem.Message);
            return null;
        }
        using (original)
            return EncodeFrom(original, missing, stop);
    }

    private bool? EncodeFrom(OriginalPicture original, List<(PictureVariant Variant, string Path)> missing, CancellationToken stop)
    {
        var file = original.File;
        try
        {
            original.CheckBudget(options.MaxDecodeBytes);
        }
        catch (PictureOverBudgetException overBudget)
        {
            LogCannotEncode(file.RelativePath, overBudget.Message);
            return false;
        }
        foreach (var (variant, path) in missing)
        {
            if (stop.IsCancellationRequested)
                return null;
            try
            {
                PictureEncoder.Encode(variant, original, path, stop);
                Interlocked.Increment(ref encoded);
                metrics.VariantEncoded(variant.Format.Extension);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                LogStopped(file.RelativePath);
                return null;
            }
            catch (VipsException problem)
            {
                LogCannotEncode(file.RelativePath, problem.Message.Trim());
                return false;
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
            {
                LogCannotWrite(path, problem.Message);
                return null;
            }
#pragma warning disable CA1031 // the worker outlives any one picture: whatever else goes wrong is logged, the picture served as it is
            catch (Exception problem)
#pragma warning restore CA1031
            {
                LogEncodeFailed(file.RelativePath, problem);
                return false;
            }
        }
        return true;
    }

    private void Done()
    {
        lock (idleLock)
        {
            if (--pending == 0)
                idle.TrySetResult();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Cannot make smaller copies of {Path}, which is served as it is: {Reason}")]
    private partial void LogCannotEncode(string path, string reason);

    [LoggerMessage(LogLevel.Warning, "No smaller copies of {Path} for now: it {Reason}; the next reading of the folder queues what it holds")]
    private partial void LogSourceChanged(string path, string reason);

    [LoggerMessage(LogLevel.Information, "Stopped making the smaller copies of {Path}: the site is stopping, or the content no longer names these bytes")]
    private partial void LogStopped(string path);

    [LoggerMessage(LogLevel.Error, "Making the variants of {Path} failed; it is served as it is")]
    private partial void LogEncodeFailed(string path, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Cannot write the picture variant {File}; its picture is served as it is: {Reason}")]
    private partial void LogCannotWrite(string file, string reason);

    [LoggerMessage(LogLevel.Warning, "The cache folder {Folder} cannot be used, so no picture variants are made and each picture is served as it is: {Reason}")]
    private partial void LogNoFolder(string folder, string reason);

    [LoggerMessage(LogLevel.Warning, "libvips cannot be loaded: no picture variants are made, each picture is served as it is")]
    private partial void LogUnavailable();
}

/// <summary>The variant maker with its settings, started with the host.</summary>
internal static class PictureVariantsRegistration
{
    public static IServiceCollection AddPictureVariants(this IServiceCollection services)
    {
        services.AddOptions<PictureVariantOptions>().BindConfiguration(PictureVariantOptions.Section).CheckedAtStart();
        services.AddSingleton<IValidateOptions<PictureVariantOptions>>(PictureVariantOptions.Rules);
        services.AddSingleton<PictureVariants>();
        services.AddHostedService(provider => provider.GetRequiredService<PictureVariants>());
        return services;
    }
}
