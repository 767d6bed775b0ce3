namespace Matrix.Receipts;

/// <summary>A validated receipt request: every path and body check of the receipt route has passed.</summary>
/// <param name="User">The authenticated sender.</param>
/// <param name="Room">The room.</param>
/// <param name="Type">The receipt type (one of the three known ones).</param>
/// <param name="EventId">The event read up to.</param>
/// <param name="Thread">The thread, or <see cref="ThreadId.Unthreaded"/>.</param>
public sealed record ReceiptCommand(UserId User, RoomId Room, ReceiptType Type, EventId EventId, ThreadId Thread);
