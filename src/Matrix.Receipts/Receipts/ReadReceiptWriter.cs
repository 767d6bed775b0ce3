namespace Matrix.Receipts;

/// <summary>
/// Behaviour contract §2 checks 11–14 for <c>m.read</c> and <c>m.read.private</c>, split into a check and a store step so
/// <c>/read_markers</c> can validate every key before it applies any.
/// </summary>
internal sealed class ReadReceiptWriter
{
    private readonly IHomeserverRooms _rooms;
    private readonly IReceiptStore _store;
    private readonly ThreadRule _threadRule;
    private readonly TimeProvider _time;
    private readonly IReceiptWriteListener[] _listeners;

    public ReadReceiptWriter(
        IHomeserverRooms rooms,
        IReceiptStore store,
        ThreadRule threadRule,
        TimeProvider time,
        IEnumerable<IReceiptWriteListener> listeners)
    {
        _rooms = rooms;
        _store = store;
        _threadRule = threadRule;
        _time = time;
        _listeners = [.. listeners];
    }

    /// <summary>
    /// Checks 11–13. Returns the event to store against, <see langword="null"/> with no error when the event is unknown
    /// (200 and nothing stored: receipts for purged events must not break clients), or an error.
    /// </summary>
    public async ValueTask<(RoomEvent? Event, MatrixError? Error)> CheckAsync(
        UserId user,
        RoomId room,
        EventId eventId,
        ThreadId thread,
        CancellationToken cancellationToken)
    {
        RoomEvent? found = await _rooms.FindEventAsync(room, eventId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, null);
        }

        // Visibility before the thread rule, so a user outside the room learns nothing about its relations.
        if (!await _rooms.CanSeeEventAsync(user, room, found, cancellationToken).ConfigureAwait(false))
        {
            return (null, MatrixError.Forbidden("You cannot see this event"));
        }

        if (!await _threadRule.BelongsToAsync(room, found, thread, cancellationToken).ConfigureAwait(false))
        {
            return (null, MatrixError.InvalidParam($"event_id {eventId} is not related to thread {thread}"));
        }

        return (found, null);
    }

    /// <summary>Check 14: the monotonic store write; tells the listeners only when the receipt moved forward.</summary>
    public async ValueTask StoreAsync(
        UserId user,
        RoomId room,
        ReceiptType type,
        RoomEvent roomEvent,
        ThreadId thread,
        CancellationToken cancellationToken)
    {
        // The server sets ts; a client-supplied one is never read.
        long ts = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var receipt = new Receipt(room, user, type, roomEvent.EventId, thread, ts);
        StoreWriteResult result = await _store
            .TryAdvanceAsync(new ReceiptWrite(receipt, roomEvent.StreamOrdering), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Changed)
        {
            return;
        }

        var stored = new StoredReceipt(receipt, roomEvent.StreamOrdering, result.Position);
        foreach (IReceiptWriteListener listener in _listeners)
        {
            await listener.OnReceiptStoredAsync(stored, cancellationToken).ConfigureAwait(false);
        }
    }
}
