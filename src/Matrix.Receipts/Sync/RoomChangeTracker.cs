namespace Matrix.Receipts;

/// <summary>
/// The per-room change index (room → last change position) and the long-poll waiters. It only knows the changes told
/// to it since it started: for a <c>since</c> before its start position every room counts as possibly changed.
/// This is what lets an idle incremental sync skip the store for every room (behaviour contract §6).
/// </summary>
internal sealed class RoomChangeTracker : IReceiptChangeNotifier
{
    private readonly IReceiptStore _store;
    private readonly Lock _gate = new();
    private readonly Dictionary<RoomId, long> _lastChange = [];
    private readonly Dictionary<RoomId, List<ChangeWaiter>> _waiters = [];
    private Task<StreamPosition>? _start;
    private long _maxNotified;

    public RoomChangeTracker(IReceiptStore store) => _store = store;

    /// <summary>The store position when the index started; set once, on first use.</summary>
    public ValueTask<StreamPosition> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        Task<StreamPosition>? start = Volatile.Read(ref _start);
        if (start is { IsCompletedSuccessfully: true })
        {
            return ValueTask.FromResult(start.Result);
        }

        lock (_gate)
        {
            // A failed read (store down at start-up) is retried by the next caller rather than cached.
            if (_start is null || _start.IsFaulted || _start.IsCanceled)
            {
                _start = ReadStartAsync();
            }

            start = _start;
        }

        return new ValueTask<StreamPosition>(start.WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public void OnChanged(RoomId roomId, StreamPosition position)
    {
        lock (_gate)
        {
            if (!_lastChange.TryGetValue(roomId, out long last) || position.Value > last)
            {
                _lastChange[roomId] = position.Value;
            }

            if (position.Value > _maxNotified)
            {
                _maxNotified = position.Value;
            }

            if (_waiters.TryGetValue(roomId, out List<ChangeWaiter>? waiting))
            {
                foreach (ChangeWaiter waiter in waiting)
                {
                    if (position > waiter.Since)
                    {
                        // Continuations run asynchronously, so no caller code runs under the lock.
                        waiter.Signal.TrySetResult(true);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Collects into <paramref name="changed"/> the rooms of <paramref name="roomIds"/> that may have changed in
    /// (<paramref name="since"/>, <paramref name="upTo"/>]. Returns <see langword="false"/> when the index cannot tell
    /// (the caller must treat every room as changed): <paramref name="since"/> predates the index, or the store has
    /// handed out a position the index has not been told about yet (a write still on its way to the notifier).
    /// </summary>
    public bool TryGetChangedRooms(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition start,
        StreamPosition since,
        StreamPosition upTo,
        List<RoomId> changed)
    {
        if (since < start)
        {
            return false;
        }

        lock (_gate)
        {
            if (_maxNotified < upTo.Value && upTo > start)
            {
                return false;
            }

            foreach (RoomId roomId in roomIds)
            {
                // Only the last change is kept: a room whose last change is past upTo may also have changed inside the
                // window, so it is kept; the store query bounds the rows to (since, upTo].
                if (_lastChange.TryGetValue(roomId, out long last) && last > since.Value)
                {
                    changed.Add(roomId);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Waits until one of <paramref name="roomIds"/> changes after <paramref name="since"/> (true), or the timeout
    /// passes (false). Returns true at once when a change is already known, or when <paramref name="since"/> predates
    /// the index (something may have changed; the caller's sync finds out).
    /// </summary>
    public async ValueTask<bool> WaitAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        StreamPosition start = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        if (since < start)
        {
            return true;
        }

        var waiter = new ChangeWaiter(since);
        lock (_gate)
        {
            foreach (RoomId roomId in roomIds)
            {
                if (_lastChange.TryGetValue(roomId, out long last) && last > since.Value)
                {
                    return true;
                }
            }

            if (timeout <= TimeSpan.Zero)
            {
                return false;
            }

            foreach (RoomId roomId in roomIds)
            {
                if (!_waiters.TryGetValue(roomId, out List<ChangeWaiter>? waiting))
                {
                    waiting = [];
                    _waiters.Add(roomId, waiting);
                }

                waiting.Add(waiter);
            }
        }

        try
        {
            using var timer = new CancellationTokenSource(timeout, timeProvider);
            using CancellationTokenRegistration onTimeout = timer.Token.Register(
                static state => ((ChangeWaiter)state!).Signal.TrySetResult(false), waiter);
            using CancellationTokenRegistration onCancel = cancellationToken.Register(
                static state => ((ChangeWaiter)state!).Signal.TrySetCanceled(), waiter);
            return await waiter.Signal.Task.ConfigureAwait(false);
        }
        finally
        {
            Remove(roomIds, waiter);
        }
    }

    private async Task<StreamPosition> ReadStartAsync()
    {
        StreamPosition position = await _store.GetCurrentPositionAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            if (position.Value > _maxNotified)
            {
                _maxNotified = position.Value;
            }
        }

        return position;
    }

    private void Remove(IReadOnlyCollection<RoomId> roomIds, ChangeWaiter waiter)
    {
        lock (_gate)
        {
            foreach (RoomId roomId in roomIds)
            {
                if (_waiters.TryGetValue(roomId, out List<ChangeWaiter>? waiting))
                {
                    waiting.Remove(waiter);
                    if (waiting.Count == 0)
                    {
                        _waiters.Remove(roomId);
                    }
                }
            }
        }
    }
}
