using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ArticleSite.Tests.Support;

/// <summary>Debian's nginx run by a test, with its own prefix folder and config, listening on 127.0.0.1; killed on dispose.</summary>
public sealed class NginxProcess : IDisposable
{
    private readonly Process process;

    private NginxProcess(Process process) => this.process = process;

    /// <summary>Starts nginx with <paramref name="config"/> and returns once it accepts connections on <paramref name="port"/>.</summary>
    public static async Task<NginxProcess> StartAsync(string nginxPath, string prefix, string config, int port)
    {
        var nginx = new NginxProcess(Process.Start(new ProcessStartInfo(nginxPath, ["-e", "stderr", "-p", prefix, "-c", config]) { RedirectStandardError = true })!);
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
                Assert.Fail($"nginx exited: {await process.StandardError.ReadToEndAsync(cancel)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancel);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, cancel);
            }
        }
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
