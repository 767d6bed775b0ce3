using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.PostgreSql;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The PostgreSQL change listener lost its connection; reconnecting in {Delay}.")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The PostgreSQL change listener reconnected and replayed {Rooms} changed rooms after position {Position}.")]
    public static partial void ListenerCaughtUp(ILogger logger, int rooms, long position);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Ignoring a malformed matrix_receipts notification: '{Payload}'.")]
    public static partial void MalformedNotification(ILogger logger, string payload);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "A receipt change notifier failed for room {RoomId} at position {Position}.")]
    public static partial void NotifierFailed(ILogger logger, Exception exception, string roomId, long position);
}
