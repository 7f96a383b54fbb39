using ArticleSite.Loading;

namespace ArticleSite.Publishing;

/// <summary>
/// Brings the article index up to date after each publication, so that the next start takes every file published now
/// from it; the index saves on the thread pool, and tries a failed save again later (<see cref="ArticleIndex"/>).
/// </summary>
internal sealed class IndexSaver(ContentLibrary library)
{
    /// <summary>Saves what the library publishes now; called before the next reading changes it.</summary>
    public void SavePublished() => library.Index?.SaveLater(library.Published());
}
