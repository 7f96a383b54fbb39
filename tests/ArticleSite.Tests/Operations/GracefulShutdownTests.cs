using System.Net;
using System.Net.Sockets;
using ArticleSite.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArticleSite.Tests;

/// <summary>
/// The site plus a test-only URL, /held, whose response waits until the test releases it: a request kept in flight on demand.
/// It also keeps the host, to stop it the way SIGTERM does (the console lifetime calls IHost.StopAsync).
/// </summary>
public sealed class HeldRequestSiteFactory : ArticleSiteFactory
{
    public const string HeldPath = "/held";

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IHost Host { get; private set; } = null!;

    protected override IHost CreateHost(IHostBuilder builder) => Host = base.CreateHost(builder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new HeldRequestFilter(this)));
    }

    private sealed class HeldRequestFilter(HeldRequestSiteFactory factory) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(HeldPath, held => held.Run(async context =>
            {
                factory.Entered.TrySetResult();
                await factory.Release.Task;
                await context.Response.WriteAsync("finished");
            }));
            next(app);
        };
    }
}

/// <summary>Stopping the site: requests in flight finish, new connections are refused.</summary>
public sealed class GracefulShutdownTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_lets_the_request_in_flight_finish_and_refuses_new_connections()
    {
        await using var site = new HeldRequestSiteFactory();
        site.StartServer();
        var endPoint = RawHttp.EndPointOf(site.Services);
        await using var inFlight = await RawHttp.ConnectAsync(endPoint, Cancel);
        await inFlight.SendAsync($"GET {HeldRequestSiteFactory.HeldPath} HTTP/1.1\r\nHost: localhost\r\n\r\n", Cancel);
        await site.Entered.Task.WaitAsync(Deadline, Cancel);

        var stopping = site.Host.StopAsync(Cancel);

        await WaitUntilRefusedAsync(endPoint);
        Assert.False(stopping.IsCompleted, "the host stopped without waiting for the request in flight");

        site.Release.SetResult();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(Deadline);
        var response = await inFlight.ReadResponseAsync(toHead: false, deadline.Token);
        Assert.Equal(200, response.Status);
        Assert.Equal("finished", System.Text.Encoding.UTF8.GetString(response.Body));

        await stopping.WaitAsync(Deadline, Cancel);
    }

    [Fact]
    public async Task SIGTERM_ends_the_process_with_exit_code_0_and_closes_its_port()
    {
        await using var site = SiteProcess.Start(RepositoryPaths.Root);
        var address = await site.ListeningAsync();
        var endPoint = new IPEndPoint(IPAddress.Parse(address.Host), address.Port);
        using (var client = new HttpClient { BaseAddress = address })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Cancel)).StatusCode);

        site.Terminate();
        var (exitCode, _) = await site.ExitAsync();

        Assert.Equal(0, exitCode);
        var refused = await Assert.ThrowsAsync<SocketException>(() => RawHttp.ConnectAsync(endPoint, Cancel));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>Tries new connections until one is refused, which happens as soon as Kestrel closes its listener.</summary>
    private static async Task WaitUntilRefusedAsync(IPEndPoint endPoint)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(Deadline);
        using var retry = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            try
            {
                await using var attempt = await RawHttp.ConnectAsync(endPoint, deadline.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return;
            }
        }
        while (await retry.WaitForNextTickAsync(deadline.Token));
    }
}
