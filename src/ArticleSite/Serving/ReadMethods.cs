namespace ArticleSite.Serving;

/// <summary>
/// GET and HEAD, the only methods the site serves. Compared case-sensitively, as RFC 9110 §9.1 defines methods: "get" is
/// another method, which routing and <see cref="HttpMethods.IsGet"/> would take for GET.
/// </summary>
internal static class ReadMethods
{
    /// <summary>The Allow header of a 405.</summary>
    public const string Allowed = "GET, HEAD";

    /// <summary>The methods an endpoint of the site is mapped for.</summary>
    public static readonly string[] Names = [HttpMethods.Get, HttpMethods.Head];

    public static bool Allows(string method) =>
        string.Equals(method, HttpMethods.Get, StringComparison.Ordinal) || string.Equals(method, HttpMethods.Head, StringComparison.Ordinal);

    /// <summary>405 Method Not Allowed, naming the methods that are.</summary>
    public static IResult NotAllowed(HttpResponse response)
    {
        response.Headers.Allow = Allowed;
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }
}
