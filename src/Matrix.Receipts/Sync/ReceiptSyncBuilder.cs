namespace Matrix.Receipts;

/// <summary>
/// The read side for <c>/sync</c>: the per-room <c>m.receipt</c> ephemeral event a user may see and their
/// <c>m.fully_read</c> account data, initial (no <c>since</c>) or incremental.
/// </summary>
public sealed class ReceiptSyncBuilder
{
    /// <summary>Builds the receipts part of a sync for <paramref name="userId"/> over <paramref name="joinedRooms"/>.</summary>
    /// <param name="userId">Who is syncing.</param>
    /// <param name="joinedRooms">The rooms the user is joined to now; no other room gets receipts.</param>
    /// <param name="since">The previous <see cref="ReceiptSync.NextBatch"/>, or <see langword="null"/> for an initial sync.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public ValueTask<ReceiptSync> BuildAsync(
        UserId userId,
        IReadOnlyCollection<RoomId> joinedRooms,
        StreamPosition? since,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Waits until a receipt or read marker lands in one of <paramref name="roomIds"/> after <paramref name="since"/>,
    /// or <paramref name="timeout"/> passes; returns whether something landed.
    /// </summary>
    public ValueTask<bool> WaitForChangeAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
