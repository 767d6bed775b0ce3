using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>Log messages of the ASP.NET Core adapter.</summary>
internal static partial class Log
{
    public const string CategoryName = "Matrix.Receipts.AspNetCore";

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while serving {Method} {Path}; answered 500 M_UNKNOWN")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Unhandled exception after the response to {Method} {Path} had started; the connection is aborted")]
    public static partial void ExceptionAfterResponseStarted(ILogger logger, Exception exception, string method, string path);

    /// <summary>The adapter's logger for <paramref name="services"/>, or a no-op logger when logging is not registered.</summary>
    public static ILogger For(IServiceProvider services) =>
        (services.GetService(typeof(ILoggerFactory)) as ILoggerFactory)?.CreateLogger(CategoryName)
        ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
