namespace ArticleSite.Rendering;

/// <summary>How much work making picture variants may take (the "Media" configuration section): docs/operations.md says what each costs.</summary>
public sealed class PictureVariantOptions
{
    public const string Section = "Media";

    /// <summary>
    /// Pictures encoded at once. One picture's six variants took 5.6 s of a core and 80 MiB for a 12-megapixel photo, 11 s
    /// and 100 MiB for 48 megapixels (docs/operations.md); 0 encodes nothing, and every variant URL answers with the original.
    /// </summary>
    public int MaxConcurrentEncodes { get; set; } = 1;

    /// <summary>Pictures waiting for their variants; beyond it, a picture is queued again by the next snapshot or request for it.</summary>
    public int MaxQueuedPictures { get; set; } = 10_000;
}
