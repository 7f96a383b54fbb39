using ArticleSite.Loading;

namespace ArticleSite.Media;

/// <summary>The media files of one snapshot's articles, by the hash of their bytes: what the media URLs serve.</summary>
internal sealed class MediaLibrary
{
    /// <summary>A plain dictionary: freezing it costs more than its lookups save in a snapshot's life, seconds to hours.</summary>
    private readonly Dictionary<string, MediaFile> byHash = new(StringComparer.Ordinal);

    /// <param name="articles">Newest first: of files with the same bytes, the newest article's is the one kept.</param>
    public MediaLibrary(IEnumerable<Article> articles)
    {
        foreach (var article in articles)
        {
            foreach (var file in article.Metadata.Media.Files)
                byHash.TryAdd(file.Hash, file);
        }
    }

    public int Count => byHash.Count;

    /// <summary>Every file, in the order of the articles that first use them.</summary>
    public IEnumerable<MediaFile> Files => byHash.Values;

    /// <summary>The file with this hash, whatever its name; null when none has it.</summary>
    public MediaFile? Find(string hash) => byHash.GetValueOrDefault(hash);

    /// <summary>The file with this hash, when <paramref name="name"/> is the name its URL gives it; null otherwise.</summary>
    public MediaFile? Find(string hash, string name) =>
        byHash.TryGetValue(hash, out var file) && string.Equals(file.UrlName, name, StringComparison.Ordinal) ? file : null;
}
