using Microsoft.Playwright;

namespace ArticleSite.Tests.Support;

/// <summary>One headless Debian Chromium driven by Playwright, shared by a test class and launched on first use.</summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly SemaphoreSlim launching = new(1, 1);

    private IPlaywright? playwright;

    private IBrowser? browser;

    /// <summary>Where screenshots and the print PDF are written, for a person to look at.</summary>
    public static string OutputFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>A fresh page (its own context: no shared cookies or cache) at the given viewport and colour scheme.</summary>
    public async Task<IPage> OpenAsync(int width, int height, ColorScheme scheme = ColorScheme.Light, bool bypassCsp = false)
    {
        var chromium = await LaunchAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    private async Task<IBrowser> LaunchAsync()
    {
        var executable = ExternalTools.Chromium;
        await launching.WaitAsync();
        try
        {
            playwright ??= await Playwright.CreateAsync();
            // A temporary profile is made for each launch: a fresh user-data dir.
            return browser ??= await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Flags,
            });
        }
        finally
        {
            launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.CloseAsync();
        playwright?.Dispose();
        launching.Dispose();
    }
}
