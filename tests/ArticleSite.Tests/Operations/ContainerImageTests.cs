using System.Diagnostics;
using System.Text.Json;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>
/// The OCI image that <c>deploy/container/build.sh</c> builds with Debian's buildah: its configuration, and its root
/// file system serving the article as the image's user. Running it under podman is not possible on every machine (a
/// sandbox may refuse the runtime's rlimits and cgroups), so the unpacked image runs under chroot with its own config.
/// Uses the Native AOT publish named by <c>ARTICLESITE_PUBLISHED</c> (CI makes one), or makes one (minutes).
/// </summary>
public sealed class ContainerImageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_image_runs_the_native_binary_as_a_non_root_user_with_a_health_check_and_serves_the_article()
    {
        foreach (var tool in new[] { "buildah", "podman", "skopeo", "umoci" })
            ExternalTool.Require(tool);
        if (Environment.UserName != "root")
            Assert.Skip("building and unpacking an image here needs root");
        var image = $"localhost/articlesite-test:{Guid.NewGuid():N}";
        using var work = new TemporaryContentFolder();
        try
        {
            await RunAsync(Path.Combine(RepositoryPaths.Root, "deploy", "container", "build.sh"), image);
            using var inspected = JsonDocument.Parse(await RunAsync("podman", "image", "inspect", image));
            var config = inspected.RootElement[0].GetProperty("Config");

            Assert.Equal("1654:1654", config.GetProperty("User").GetString());
            Assert.Equal(["/app/ArticleSite"], config.GetProperty("Entrypoint").EnumerateArray().Select(part => part.GetString()));
            Assert.Equal(["8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(port => port.Name));
            Assert.Equal(["/content"], config.GetProperty("Volumes").EnumerateObject().Select(volume => volume.Name));
            Assert.Contains("Content__Path=/content", config.GetProperty("Env").EnumerateArray().Select(variable => variable.GetString()));
            Assert.Equal("ArticleSite", config.GetProperty("Labels").GetProperty("org.opencontainers.image.title").GetString());
            Assert.Equal(
                ["CMD", "/app/ArticleSite", "probe", "http://127.0.0.1:8080/healthz/ready"],
                inspected.RootElement[0].GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(part => part.GetString()));

            var layout = Path.Combine(work.Path, "layout");
            var bundle = Path.Combine(work.Path, "bundle");
            await RunAsync("skopeo", "copy", "-q", $"containers-storage:{image}", $"oci:{layout}:test");
            await RunAsync("umoci", "unpack", "--image", $"{layout}:test", bundle);
            var port = HealthCheckTests.FreePort();
            var rootfs = Path.Combine(bundle, "rootfs");
            // An older article with a photo, whose variants libvips, beside the binary, makes in the image.
            var photo = TestPictures.Jpeg(800, 600);
            await File.WriteAllBytesAsync(Path.Combine(rootfs, "content", "photo.jpg"), photo, Cancel);
            await File.WriteAllTextAsync(Path.Combine(rootfs, "content", "photo.md"), TemporaryContentFolder.Article("Photo", "2000-01-01", "![A photo](photo.jpg)"), Cancel);
            await using var site = StartInImage(rootfs, port);

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var text = await Eventually.GetAsync(() => TryGetAsync(client, "/article.txt"), body => body is not null, "the site in the image to answer");
            Assert.StartsWith("Lee urges Xi to help revive talks with North Korea at Gyeongju summit\n", text, StringComparison.Ordinal);
            await Eventually.GetAsync(() => ContentTypeAsync(client, TestPictures.MediaUrl(photo, "photo-480.avif")), type => type == "image/avif", "the photo's AVIF variant to be made");
            Assert.Equal($"http://127.0.0.1:{port}/healthz/ready: HTTP/1.1 200 OK\n", await RunAsync("/usr/sbin/chroot", "--userspec=1654:1654", rootfs, "/app/ArticleSite", "probe", $"http://127.0.0.1:{port}/healthz/ready"));
        }
        finally
        {
            await RunAsync("buildah", "rmi", "-f", image).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The image's binary in its own root file system, as its user, with its environment and nothing of the host's.</summary>
    private static ImageProcess StartInImage(string rootfs, int port)
    {
        var start = new ProcessStartInfo("/usr/sbin/chroot") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Clear();
        start.Environment["ASPNETCORE_HTTP_PORTS"] = $"{port}";
        start.Environment["Content__Path"] = "/content";
        start.Environment["Cache__Path"] = "/tmp/articlesite";
        foreach (var argument in new[] { "--userspec=1654:1654", rootfs, "/app/ArticleSite" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ImageProcess(process);
    }

    private static async Task<string?> ContentTypeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return response.Content.Headers.ContentType?.MediaType;
    }

        private static async Task<string?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            return await client.GetStringAsync(path, Cancel);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}");
        return await output;
    }

    private sealed class ImageProcess(Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
