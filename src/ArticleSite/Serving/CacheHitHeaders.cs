namespace ArticleSite.Serving;

/// <summary>
/// A cache hit is the origin's response, made now from bytes it rendered earlier: it goes out with the current Date and
/// no Age. The output cache would send the Date it stored and the seconds since; a browser or CDN subtracts that Age
/// from max-age, so after five minutes in the output cache every copy would arrive already stale.
/// </summary>
internal static class CacheHitHeaders
{
    public static void RestampAtStart(HttpResponse response) => response.OnStarting(Restamp, response);

    /// <summary>Runs after the output cache has copied its stored headers; Kestrel then adds the Date of this second.</summary>
    private static Task Restamp(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.Age = default;
        headers.Date = default;
        return Task.CompletedTask;
    }
}
