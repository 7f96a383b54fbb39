using System.Collections.Frozen;

namespace ArticleSite.Loading;

/// <summary>The media files of one snapshot's articles, by the hash of their bytes: what the media URLs serve.</summary>
public sealed class MediaLibrary
{
    private readonly FrozenDictionary<string, MediaFile> byHash;

    public MediaLibrary(IEnumerable<Article> articles) =>
        byHash = articles.SelectMany(article => article.Metadata.Media.Files)
            .DistinctBy(file => file.Hash)
            .ToFrozenDictionary(file => file.Hash, StringComparer.Ordinal);

    public int Count => byHash.Count;

    public IEnumerable<MediaFile> Files => byHash.Values;

    /// <summary>The file with this hash, whatever its name; null when none has it.</summary>
    public MediaFile? Find(string hash) => byHash.GetValueOrDefault(hash);

    /// <summary>The file with this hash, when <paramref name="name"/> is the name its URL gives it; null otherwise.</summary>
    public MediaFile? Find(string hash, string name) =>
        byHash.TryGetValue(hash, out var file) && string.Equals(file.UrlName, name, StringComparison.Ordinal) ? file : null;
}
