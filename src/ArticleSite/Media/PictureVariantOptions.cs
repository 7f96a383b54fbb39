namespace ArticleSite.Media;

/// <summary>How much work making picture variants may take (the "Media" configuration section): docs/operations.md says what each costs.</summary>
internal sealed class PictureVariantOptions
{
    public const string Section = "Media";

    /// <summary>
    /// Pictures encoded at once, each costing seconds of a core and a few hundred MiB at worst (docs/benchmarks.md, The
    /// worst shapes of one picture); 0 encodes nothing, and every variant URL answers with the original.
    /// </summary>
    public int MaxConcurrentEncodes { get; set; } = 1;

    /// <summary>The default of <see cref="MaxDecodeBytes"/>, 96 MiB: also the export's, which has no options.</summary>
    public const long DefaultMaxDecodeBytes = 96L * 1024 * 1024;

    /// <summary>
    /// The most memory one picture's decode may hold at once, besides the file's bytes and libvips's few rows
    /// (<see cref="ImageHeader.WholeFrameOf"/>): an interlaced PNG or a progressive JPEG over it gets no variants
    /// (logged by path) and is served as it is. 96 MiB lets through an interlaced 8-bit RGB PNG of 33 megapixels and a
    /// progressive 4:2:0 JPEG of about 11, whose coefficients are counted three times; what a picture then costs:
    /// docs/benchmarks.md, The worst shapes of one picture.
    /// </summary>
    public long MaxDecodeBytes { get; set; } = DefaultMaxDecodeBytes;

    /// <summary>Pictures waiting for their variants; beyond it, a picture is queued again by the next snapshot or request for it.</summary>
    public int MaxQueuedPictures { get; set; } = 10_000;

    /// <summary>The ranges its settings must be in, checked at start-up.</summary>
    public static Operations.SettingRules<PictureVariantOptions> Rules => new Operations.SettingRules<PictureVariantOptions>(Section)
        .AtLeast(nameof(MaxConcurrentEncodes), options => options.MaxConcurrentEncodes, 0)
        .AtLeast(nameof(MaxDecodeBytes), options => options.MaxDecodeBytes, 1)
        .AtLeast(nameof(MaxQueuedPictures), options => options.MaxQueuedPictures, 1);
}
