namespace Matrix.Receipts.Tests.Sync;

/// <summary>Wraps the real in-memory store and counts the calls the read side makes, to prove which queries a sync runs.</summary>
internal sealed class CountingReceiptStore(InMemoryReceiptStore inner) : IReceiptStore, IReadMarkerStore
{
    private int _currentPositionCalls;
    private int _receiptQueries;
    private int _roomsQueried;
    private int _userReceiptQueries;
    private int _markerChangeQueries;

    public int CurrentPositionCalls => _currentPositionCalls;

    public int ReceiptQueries => _receiptQueries;

    public int RoomsQueried => _roomsQueried;

    public int UserReceiptQueries => _userReceiptQueries;

    public int MarkerChangeQueries => _markerChangeQueries;

    public void Reset()
    {
        _currentPositionCalls = 0;
        _receiptQueries = 0;
        _roomsQueried = 0;
        _userReceiptQueries = 0;
        _markerChangeQueries = 0;
    }

    public ValueTask<StoreWriteResult> TryAdvanceAsync(ReceiptWrite write, CancellationToken cancellationToken = default) =>
        inner.TryAdvanceAsync(write, cancellationToken);

    public ValueTask<StreamPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _currentPositionCalls);
        return inner.GetCurrentPositionAsync(cancellationToken);
    }

    public ValueTask<IReadOnlyList<StoredReceipt>> GetReceiptsAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _receiptQueries);
        Interlocked.Add(ref _roomsQueried, roomIds.Count);
        return inner.GetReceiptsAsync(roomIds, since, upTo, cancellationToken);
    }

    public ValueTask<IReadOnlyList<StoredReceipt>> GetUserReceiptsAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _userReceiptQueries);
        return inner.GetUserReceiptsAsync(roomId, userId, cancellationToken);
    }

    public ValueTask<StoreWriteResult> TrySetAsync(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken = default) =>
        inner.TrySetAsync(marker, mode, cancellationToken);

    public ValueTask<StoredReadMarker?> GetAsync(RoomId roomId, UserId userId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(roomId, userId, cancellationToken);

    public ValueTask<IReadOnlyList<StoredReadMarker>> GetChangesAsync(
        UserId userId,
        StreamPosition since,
        StreamPosition upTo,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _markerChangeQueries);
        return inner.GetChangesAsync(userId, since, upTo, cancellationToken);
    }
}
