using Microsoft.Extensions.Logging.Console;

namespace ArticleSite.Operations;

/// <summary>
/// <c>Logging:Console:FormatterName</c>: <c>simple</c> (the default, for people), <c>json</c> (one object a line, for
/// log collectors) or <c>systemd</c>. The slim builder fixes the simple format; this lets the setting choose again.
/// </summary>
internal static class ConsoleLogFormat
{
    public const string Setting = "Logging:Console:FormatterName";

    public static WebApplicationBuilder AddConfiguredConsoleFormat(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[Setting] is { Length: > 0 } formatter)
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = formatter);
        return builder;
    }
}
