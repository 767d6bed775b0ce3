namespace Matrix.Receipts;

/// <summary>The identity of a stored receipt: one row per (room, receipt type, user, thread); unthreaded is its own thread value.</summary>
internal readonly record struct ReceiptKey(RoomId Room, ReceiptType Type, UserId User, ThreadId Thread)
{
    public static ReceiptKey Of(Receipt receipt) => new(receipt.Room, receipt.Type, receipt.User, receipt.Thread);
}
