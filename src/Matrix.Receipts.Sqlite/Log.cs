using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.Sqlite;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Receipts database {Path} upgraded from schema version {From} to {To}")]
    public static partial void SchemaUpgraded(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "A batch of {Count} receipt writes failed; retrying each write in its own transaction")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A receipt write failed")]
    public static partial void WriteFailed(ILogger logger, Exception exception);
}
