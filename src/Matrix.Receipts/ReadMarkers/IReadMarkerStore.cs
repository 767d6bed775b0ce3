namespace Matrix.Receipts;

/// <summary>
/// Durable fully-read markers (room account data <c>m.fully_read</c>), one per (room, user).
/// Implementations share one stream of positions with the <see cref="IReceiptStore"/> of the same backend.
/// </summary>
public interface IReadMarkerStore
{
    /// <summary>Sets the marker according to <paramref name="mode"/>; an applied write gets a new stream position and is durable when this returns.</summary>
    ValueTask<StoreWriteResult> TrySetAsync(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken = default);

    /// <summary>The stored marker of <paramref name="userId"/> in <paramref name="roomId"/>, if any.</summary>
    ValueTask<StoredReadMarker?> GetAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default);

    /// <summary>The markers of <paramref name="userId"/> whose last change is in (<paramref name="since"/>, <paramref name="upTo"/>].</summary>
    ValueTask<IReadOnlyList<StoredReadMarker>> GetChangesAsync(
        UserId userId,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default);
}
