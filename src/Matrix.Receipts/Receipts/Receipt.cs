namespace Matrix.Receipts;

/// <summary>A receipt: <paramref name="User"/> has read <paramref name="Room"/> up to <paramref name="EventId"/>.</summary>
/// <param name="Room">The room.</param>
/// <param name="User">Who read.</param>
/// <param name="Type"><see cref="ReceiptType.Read"/> or <see cref="ReceiptType.ReadPrivate"/>.</param>
/// <param name="EventId">The event read up to.</param>
/// <param name="Thread">The thread the receipt applies to.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch, set by the server.</param>
public sealed record Receipt(RoomId Room, UserId User, ReceiptType Type, EventId EventId, ThreadId Thread, long Timestamp);
