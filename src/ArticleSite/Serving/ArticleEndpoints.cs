using ArticleSite.Publishing;

namespace ArticleSite.Serving;

/// <summary>The article's URLs: the page and its plain text, both through the output cache.</summary>
public static class ArticleEndpoints
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapArticle(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ReadMethods, Page).CacheOutput(ArticleCaching.PolicyName);
        app.MapMethods("/article.txt", ReadMethods, Text).CacheOutput(ArticleCaching.PolicyName);
        return app;
    }

    public static RepresentationResult Page(ArticlePublisher publisher) => new(publisher.Current.Page);

    public static RepresentationResult Text(ArticlePublisher publisher) => new(publisher.Current.Text);
}
