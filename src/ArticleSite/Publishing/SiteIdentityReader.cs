using ArticleSite.Loading;
using ArticleSite.Rendering;
using Microsoft.Extensions.Options;

namespace ArticleSite.Publishing;

/// <summary>
/// Reads who the site says it is (<see cref="SiteIdentity"/>: the configuration, then the content folder's site file)
/// for each snapshot; a site file or icon that cannot be used leaves the last good identity in place, with its problem.
/// </summary>
internal sealed class SiteIdentityReader(IOptions<SiteOptions> site, ContentLibrary library)
{
    /// <param name="lastGood">The identity published now; none before the first snapshot.</param>
    public (SiteIdentity Identity, ContentException? Problem) Read(SiteIdentity? lastGood)
    {
        try
        {
            return (SiteIdentity.From(site.Value, library.Folder), null);
        }
        catch (ContentException problem)
        {
            return (lastGood ?? SiteIdentity.Default, problem);
        }
        catch (IOException failure)
        {
            return (lastGood ?? SiteIdentity.Default, new ContentException(SiteFile.Names[0], $"cannot be read: {failure.Message}"));
        }
    }
}
