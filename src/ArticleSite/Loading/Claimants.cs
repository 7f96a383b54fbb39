namespace ArticleSite.Loading;

/// <summary>
/// Which files claim each key (a slug, a media file's path), kept as files come, change and go, so that a reading
/// looks up the few keys an edit touched instead of going through every file. Most keys have one claimant, kept as a
/// plain string; a set is made only for a key several files claim.
/// </summary>
internal sealed class Claimants
{
    private readonly Dictionary<string, string> alone = new(StringComparer.Ordinal);

    private readonly Dictionary<string, SortedSet<string>> shared = new(StringComparer.Ordinal);

    /// <summary>The keys more than one file claims, each with its claimants in path order.</summary>
    public IEnumerable<KeyValuePair<string, SortedSet<string>>> Shared => shared;

    public void Add(string key, string path)
    {
        if (shared.TryGetValue(key, out var several))
            several.Add(path);
        else if (alone.TryGetValue(key, out var other) && !string.Equals(other, path, StringComparison.Ordinal))
        {
            alone.Remove(key);
            shared[key] = new SortedSet<string>(StringComparer.Ordinal) { other, path };
        }
        else
            alone[key] = path;
    }

    public void Remove(string key, string path)
    {
        if (shared.TryGetValue(key, out var several))
        {
            several.Remove(path);
            if (several.Count > 1)
                return;
            shared.Remove(key);
            if (several.Count == 1)
                alone[key] = several.Min!;
        }
        else if (alone.TryGetValue(key, out var only) && string.Equals(only, path, StringComparison.Ordinal))
            alone.Remove(key);
    }

    /// <summary>
    /// The file that holds <paramref name="key"/>: <paramref name="holder"/> while it still claims it, else the first
    /// claimant by path (ordinal); null when no file claims it.
    /// </summary>
    public string? Holder(string key, string? holder) =>
        shared.TryGetValue(key, out var several)
            ? holder is not null && several.Contains(holder) ? holder : several.Min
            : alone.GetValueOrDefault(key);

    /// <summary>The files that claim <paramref name="key"/>, in path order (ordinal).</summary>
    public IReadOnlyCollection<string> Of(string key) =>
        shared.TryGetValue(key, out var several) ? several : alone.TryGetValue(key, out var only) ? [only] : [];
}
