using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>Log messages of the write side; event ids 1000–1099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Receipt request refused with {StatusCode} {ErrorCode}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, int statusCode, string errorCode, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Rate limit exceeded for {UserId}; retry after {RetryAfterMs} ms")]
    public static partial void RateLimited(ILogger logger, string userId, long retryAfterMs);
}
