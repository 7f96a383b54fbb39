using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ArticleSite.Tests.Support;

/// <summary>A site whose log lines, its own at Information, are kept for the test to read.</summary>
public sealed class LoggedSite : ArticleSiteFactory
{
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:ArticleSite", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }
}
