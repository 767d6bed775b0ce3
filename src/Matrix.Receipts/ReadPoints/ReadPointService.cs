namespace Matrix.Receipts;

/// <summary>
/// The effective read point of (room, user, thread): the later of the user's unthreaded receipt (either type) and
/// their receipt for that thread (either type). Private receipts count for their owner; a lagging public receipt never rewinds it.
/// </summary>
public sealed class ReadPointService
{
    private readonly IReceiptStore _store;

    /// <summary>Creates the service over <paramref name="store"/>.</summary>
    public ReadPointService(IReceiptStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// The read point of <paramref name="userId"/> in <paramref name="roomId"/> for <paramref name="thread"/>
    /// (<see cref="ThreadId.Main"/> for the main timeline, <see cref="ThreadId.Unthreaded"/> for unthreaded receipts only);
    /// <see langword="null"/> when the user has no receipt that applies.
    /// </summary>
    public async ValueTask<ReadPoint?> GetReadPointAsync(RoomId roomId, UserId userId, ThreadId thread, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StoredReceipt> receipts = await _store.GetUserReceiptsAsync(roomId, userId, cancellationToken).ConfigureAwait(false);
        StoredReceipt? best = Latest(receipts, thread, except: null);
        return best is null ? null : new ReadPoint(best.Receipt.EventId, best.EventOrdering!.Value);
    }

    /// <summary>
    /// The receipt among <paramref name="receipts"/> that sets the read point of <paramref name="thread"/>, leaving out
    /// the row of <paramref name="except"/>; rows without an ordering (remote receipts on unknown events) never count.
    /// </summary>
    internal static StoredReceipt? Latest(IReadOnlyList<StoredReceipt> receipts, ThreadId thread, ReceiptKey? except)
    {
        StoredReceipt? best = null;
        foreach (StoredReceipt row in receipts)
        {
            Receipt receipt = row.Receipt;
            if (row.EventOrdering is not long ordering || !receipt.Type.IsReadReceipt)
            {
                continue;
            }

            if (!receipt.Thread.IsUnthreaded && (thread.IsUnthreaded || receipt.Thread != thread))
            {
                continue;
            }

            if (except is ReceiptKey skipped && ReceiptKey.Of(receipt) == skipped)
            {
                continue;
            }

            if (best is null || ordering > best.EventOrdering!.Value)
            {
                best = row;
            }
        }

        return best;
    }
}
