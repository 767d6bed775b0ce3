namespace Matrix.Receipts;

/// <summary>
/// Told when a receipt or read marker of a room has changed and is durable; wakes waiting syncs and keeps the
/// per-room change index. The receipt service calls it for its own writes; a store shared by several host
/// instances calls it for the writes of every instance (a repeated call is harmless).
/// </summary>
public interface IReceiptChangeNotifier
{
    /// <summary>Records that <paramref name="roomId"/> changed at <paramref name="position"/>.</summary>
    void OnChanged(RoomId roomId, StreamPosition position);
}
