using System.Text.Json;
using ArticleSite.Tests.Support;

namespace ArticleSite.Tests;

/// <summary>Logs for collectors: the framework's JSON console format, one object a line.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task With_the_json_console_formatter_every_line_is_one_json_object()
    {
        using var content = HealthCheckTests.FolderWithOneBadFile();
        await using var site = SiteProcess.StartOn(content.Path, "--Logging:Console:FormatterName", "json");
        await site.ListeningAsync();
        site.Terminate();
        await site.ExitAsync();

        var entries = site.OutputLines.Select(line => JsonElement.Parse(line)).ToList();

        Assert.All(entries, entry => Assert.Equal(JsonValueKind.Object, entry.ValueKind));
        Assert.Contains(entries, entry => entry.GetProperty("LogLevel").GetString() == "Warning"
            && entry.GetProperty("Message").GetString() == "Cannot publish bad.md: front matter has no 'title', and the body has no '# ' heading to take it from");
        Assert.Contains(entries, entry => entry.GetProperty("Message").GetString()!.StartsWith("Published snapshot 1: 1 article(s), 1 problem(s)", StringComparison.Ordinal));
    }
}
