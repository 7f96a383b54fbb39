namespace ArticleSite.Rendering;

/// <summary>How long caches may keep a resource; the serving layer turns each class into its Cache-Control header.</summary>
internal enum Freshness
{
    /// <summary>Content that an edit may change: short, revalidated (configurable).</summary>
    Article,

    /// <summary>Fingerprinted assets, whose URL changes with their bytes: cached for a year, never revalidated.</summary>
    Immutable,
}
