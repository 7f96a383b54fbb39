using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ArticleSite.Tests.Support;

/// <summary>Debian's nginx run by a test, with its own prefix folder and config, listening on 127.0.0.1; killed on dispose.</summary>
public sealed class NginxProcess : IDisposable
{
    private readonly Process process;

    private NginxProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The port of 127.0.0.1 it listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// Picks a free port, writes <c>nginx.conf</c> for it into <paramref name="prefix"/>, starts nginx there and returns
    /// once it accepts connections.
    /// </summary>
    /// <param name="configFor">The whole nginx.conf for the given port.</param>
    public static async Task<NginxProcess> StartAsync(string nginxPath, string prefix, Func<int, string> configFor)
    {
        var cancel = TestContext.Current.CancellationToken;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, configFor(port), cancel);
        // Workers may run as another user: they must reach the files, cache and temporary folders under the prefix.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);

        var nginx = new NginxProcess(Process.Start(new ProcessStartInfo(nginxPath, ["-e", "stderr", "-p", prefix, "-c", config]) { RedirectStandardError = true })!, port);
        await nginx.WaitUntilListeningAsync(cancel);
        return nginx;
    }

    /// <summary>
    /// Starts nginx as <see cref="StartAsync"/> does, with what every test's nginx.conf begins with: in the foreground, one
    /// worker, its pid, log and temporary files under <paramref name="prefix"/>; then the <c>http</c> block's own
    /// directives and servers for the given port.
    /// </summary>
    public static Task<NginxProcess> StartHttpAsync(string nginxPath, string prefix, Func<int, string> httpFor) =>
        StartAsync(nginxPath, prefix, port => $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log stderr;
            events { }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
            {{httpFor(port)}}
            }
            """);

    /// <summary>A client of nginx over plain HTTP.</summary>
    public HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };

    private async Task WaitUntilListeningAsync(CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
                Assert.Fail($"nginx exited: {await process.StandardError.ReadToEndAsync(cancel)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancel);
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
