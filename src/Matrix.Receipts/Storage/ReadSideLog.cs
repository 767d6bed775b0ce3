using Microsoft.Extensions.Logging;

namespace Matrix.Receipts;

/// <summary>Log messages of the read side (event ids 3000–3099).</summary>
internal static partial class ReadSideLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "A receipt observer failed on the read point of {UserId} in {RoomId} ({Thread}); the receipt is stored regardless")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, UserId userId, RoomId roomId, ThreadId thread);
}
