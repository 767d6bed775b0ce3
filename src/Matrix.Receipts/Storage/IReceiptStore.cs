namespace Matrix.Receipts;

/// <summary>
/// Durable receipts. One row per key (room, receipt type, user, thread), where the unthreaded receipt is its own key.
/// Implementations share one stream of positions with the <see cref="IReadMarkerStore"/> of the same backend.
/// </summary>
public interface IReceiptStore
{
    /// <summary>
    /// Stores <paramref name="write"/> if it moves its key forward: no row yet, or the stored row has no ordering
    /// (and a different event), or the new ordering is strictly greater. Otherwise nothing changes.
    /// An applied write gets a new, unique, strictly increasing stream position, and is durable when this returns.
    /// </summary>
    ValueTask<StoreWriteResult> TryAdvanceAsync(ReceiptWrite write, CancellationToken cancellationToken = default);

    /// <summary>The newest stream position handed out by this backend (receipts and read markers).</summary>
    ValueTask<StreamPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The current receipts of <paramref name="roomIds"/> whose last change is in (<paramref name="since"/>, <paramref name="upTo"/>].
    /// <see cref="StreamPosition.Zero"/> as <paramref name="since"/> gives every current receipt (initial sync).
    /// </summary>
    ValueTask<IReadOnlyList<StoredReceipt>> GetReceiptsAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default);

    /// <summary>Every current receipt of <paramref name="userId"/> in <paramref name="roomId"/> (both types, every thread).</summary>
    ValueTask<IReadOnlyList<StoredReceipt>> GetUserReceiptsAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default);
}
