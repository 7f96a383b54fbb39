namespace ArticleSite.Searching;

/// <summary>
/// Completed once the site has sent its first response. The search index waits for it before it catches up with the
/// snapshot: at a restart of a large archive, that catch-up took a share of the cores the first response needs
/// (docs/benchmarks.md, Start-up at scale).
/// </summary>
internal sealed class FirstResponse
{
    private readonly TaskCompletionSource sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Sent => sent.Task;

    /// <summary>Notes each response until the first is sent; after that a request costs one test.</summary>
    public static IApplicationBuilder UseFirstResponse(IApplicationBuilder app)
    {
        var first = app.ApplicationServices.GetRequiredService<FirstResponse>();
        return app.Use((context, next) =>
        {
            if (!first.Sent.IsCompleted)
                context.Response.OnCompleted(() => Task.FromResult(first.sent.TrySetResult()));
            return next(context);
        });
    }
}
