namespace ArticleSite.Loading;

/// <summary>
/// Which file publishes each slug. A slug claimed by several files stays with the file that published it (after a
/// restart, the one the article index kept), else goes to the first by path, or, when all take it from their names, to
/// one outside a language folder (the translated one moves: ja/x.md to ja-x), then to the oldest article, then the first
/// by path: a file added later with a name already used does not move the first one's URL. Each other claimant whose
/// slug is its name's is published under its folders' slug (<see cref="FileSlug.JoinedWithFolders"/>) when no file
/// claims that one; the rest are problems. Only the slugs whose claimants changed are decided again.
/// </summary>
internal sealed class SlugOwnership
{
    /// <summary>The files whose last good version claims each slug.</summary>
    private readonly Claimants claims = new();

    /// <summary>Slugs whose claimants changed since they were last decided.</summary>
    private readonly HashSet<string> unresolved = new(StringComparer.Ordinal);

    /// <summary>Which file publishes each slug: it keeps the slug when another file claims it too.</summary>
    private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);

    /// <summary>Articles published under their folders' slug because another file holds their own, by path: kept, so that an unchanged one is the same object.</summary>
    private readonly Dictionary<string, (Article Own, Article Moved)> movedIntoFolders = new(StringComparer.Ordinal);

    /// <summary>The article each slug publishes.</summary>
    private readonly Dictionary<string, Article> published = new(StringComparer.Ordinal);

    /// <summary>The file at <paramref name="path"/> publishes <paramref name="article"/> now.</summary>
    public void Claim(string path, Article article)
    {
        claims.Add(article.Metadata.Slug, path);
        unresolved.Add(article.Metadata.Slug);
    }

    /// <summary>The file at <paramref name="path"/> no longer publishes <paramref name="article"/>.</summary>
    public void Unclaim(string path, Article article)
    {
        claims.Remove(article.Metadata.Slug, path);
        unresolved.Add(article.Metadata.Slug);
    }

    /// <summary>The article published for each slug; each claimant that loses its slug and cannot move is added to <paramref name="problems"/>.</summary>
    public List<Article> Decide(IReadOnlyDictionary<string, FileState> files, List<ContentException> problems)
    {
        foreach (var slug in unresolved)
        {
            if (HolderOf(slug, files) is not { } owner)
            {
                published.Remove(slug);
                owners.Remove(slug);
                continue;
            }
            owners[slug] = owner;
            published[slug] = files[owner].Good!;
        }
        unresolved.Clear();

        var moved = new Dictionary<string, Article>(StringComparer.Ordinal);
        foreach (var (slug, claimants) in claims.Shared)
        {
            var owner = published[slug];
            foreach (var path in claimants.Where(path => path != owners[slug]))
            {
                var article = files[path].Good!;
                if (ArticleParser.IsOwnNameSlug(slug, path) && FileSlug.JoinedWithFolders(path, slug) is { } joined
                    && claims.Of(joined).Count == 0 && !published.ContainsKey(joined) && !moved.ContainsKey(joined))
                    moved[joined] = MovedIntoFolders(path, article, joined);
                else
                    problems.Add(new ContentException(path, $"slug '{slug}' is already used by {owner.FilePath}"));
            }
        }
        var movedPaths = moved.Values.Select(article => article.FilePath).ToHashSet(StringComparer.Ordinal);
        foreach (var path in movedIntoFolders.Keys.Where(path => !movedPaths.Contains(path)).ToList())
            movedIntoFolders.Remove(path);
        return [.. published.Values.Concat(moved.Values)];
    }

    /// <summary>The article the file's last good version is published as: under its folders' slug when it was moved there.</summary>
    public Article PublishedAs(string path, Article good) =>
        movedIntoFolders.TryGetValue(path, out var moved) && ReferenceEquals(moved.Own, good) ? moved.Moved : good;

    /// <summary>The file that keeps <paramref name="slug"/>: see <see cref="SlugOwnership"/>.</summary>
    private string? HolderOf(string slug, IReadOnlyDictionary<string, FileState> files)
    {
        var claimants = claims.Of(slug);
        if (claimants.Count <= 1 || (owners.GetValueOrDefault(slug) is { } held && claimants.Contains(held)))
            return claims.Holder(slug, owners.GetValueOrDefault(slug));
        if (claimants.FirstOrDefault(path => files[path].FromIndex) is { } fromIndex)
            return fromIndex;
        return claimants.Any(path => !ArticleParser.IsOwnNameSlug(slug, path))
            ? claimants.First()
            : claimants.OrderBy(path => ArticleParser.LanguageFolderOf(path) is null ? 0 : 1).ThenBy(path => files[path].Good!.Metadata.Date).First();
    }

    /// <summary>The article under its folders' slug: the same object while its file is unchanged, so that the snapshot sees no change.</summary>
    private Article MovedIntoFolders(string path, Article article, string joined)
    {
        if (movedIntoFolders.TryGetValue(path, out var kept) && ReferenceEquals(kept.Own, article) && kept.Moved.Metadata.Slug == joined)
            return kept.Moved;
        var metadata = article.Metadata;
        var moved = article with { Metadata = metadata with { Slug = joined } };
        movedIntoFolders[path] = (article, moved);
        return moved;
    }
}
