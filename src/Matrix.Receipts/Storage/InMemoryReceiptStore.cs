namespace Matrix.Receipts;

/// <summary>
/// A process-local receipt and read-marker store: the default when no durable store is configured, and a reference
/// for the store contract. Receipts and read markers share one stream of positions. Nothing survives a restart.
/// </summary>
public sealed class InMemoryReceiptStore : IReceiptStore, IReadMarkerStore
{
    // One lock keeps "check the stored row, take the next position, write the row" atomic, so concurrent writers
    // can never hand out a position twice or let an older receipt overwrite a newer one.
    private readonly Lock _gate = new();
    private readonly Dictionary<RoomId, Dictionary<ReceiptKey, StoredReceipt>> _receiptsByRoom = [];
    private readonly Dictionary<UserId, Dictionary<RoomId, StoredReadMarker>> _markersByUser = [];
    private long _position;

    /// <inheritdoc />
    public ValueTask<StoreWriteResult> TryAdvanceAsync(ReceiptWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        Receipt receipt = write.Receipt;
        var key = ReceiptKey.Of(receipt);
        lock (_gate)
        {
            if (!_receiptsByRoom.TryGetValue(receipt.Room, out Dictionary<ReceiptKey, StoredReceipt>? rows))
            {
                rows = [];
                _receiptsByRoom.Add(receipt.Room, rows);
            }

            if (rows.TryGetValue(key, out StoredReceipt? stored) && !MovesForward(stored, write))
            {
                return ValueTask.FromResult(StoreWriteResult.Unchanged);
            }

            var position = new StreamPosition(++_position);
            rows[key] = new StoredReceipt(receipt, write.EventOrdering, position);
            return ValueTask.FromResult(new StoreWriteResult(true, position));
        }
    }

    /// <inheritdoc />
    public ValueTask<StreamPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(new StreamPosition(_position));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReceipt>> GetReceiptsAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<StoredReceipt>();
        lock (_gate)
        {
            foreach (RoomId roomId in roomIds)
            {
                if (!_receiptsByRoom.TryGetValue(roomId, out Dictionary<ReceiptKey, StoredReceipt>? rows))
                {
                    continue;
                }

                foreach (StoredReceipt row in rows.Values)
                {
                    if (row.Position > since && row.Position <= upTo)
                    {
                        found.Add(row);
                    }
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StoredReceipt>>(found);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReceipt>> GetUserReceiptsAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<StoredReceipt>(4);
        lock (_gate)
        {
            if (_receiptsByRoom.TryGetValue(roomId, out Dictionary<ReceiptKey, StoredReceipt>? rows))
            {
                foreach ((ReceiptKey key, StoredReceipt row) in rows)
                {
                    if (key.User == userId)
                    {
                        found.Add(row);
                    }
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StoredReceipt>>(found);
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteResult> TrySetAsync(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marker);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_markersByUser.TryGetValue(marker.User, out Dictionary<RoomId, StoredReadMarker>? byRoom))
            {
                byRoom = [];
                _markersByUser.Add(marker.User, byRoom);
            }

            if (byRoom.TryGetValue(marker.Room, out StoredReadMarker? stored))
            {
                bool apply = mode == ReadMarkerWriteMode.Replace
                    ? stored.Marker.EventId != marker.EventId
                    : marker.EventOrdering > stored.Marker.EventOrdering;
                if (!apply)
                {
                    return ValueTask.FromResult(StoreWriteResult.Unchanged);
                }
            }

            var position = new StreamPosition(++_position);
            byRoom[marker.Room] = new StoredReadMarker(marker, position);
            return ValueTask.FromResult(new StoreWriteResult(true, position));
        }
    }

    /// <inheritdoc />
    public ValueTask<StoredReadMarker?> GetAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            StoredReadMarker? stored = _markersByUser.TryGetValue(userId, out Dictionary<RoomId, StoredReadMarker>? byRoom)
                && byRoom.TryGetValue(roomId, out StoredReadMarker? marker)
                ? marker
                : null;
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredReadMarker>> GetChangesAsync(
        UserId userId,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<StoredReadMarker>();
        lock (_gate)
        {
            if (_markersByUser.TryGetValue(userId, out Dictionary<RoomId, StoredReadMarker>? byRoom))
            {
                foreach (StoredReadMarker stored in byRoom.Values)
                {
                    if (stored.Position > since && stored.Position <= upTo)
                    {
                        found.Add(stored);
                    }
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StoredReadMarker>>(found);
    }

    // Behaviour contract §3: strictly greater ordering wins; a row stored without an ordering (a remote receipt on an
    // unknown event) is replaced by the next receipt on a different event; a write without an ordering never
    // replaces a row that has one, because it cannot be proven newer.
    private static bool MovesForward(StoredReceipt stored, ReceiptWrite write)
    {
        if (stored.EventOrdering is not long storedOrdering)
        {
            return stored.Receipt.EventId != write.Receipt.EventId;
        }

        return write.EventOrdering is long newOrdering && newOrdering > storedOrdering;
    }
}
