using System.Diagnostics;

namespace Matrix.Receipts;

/// <summary>
/// The read side for <c>/sync</c>: the per-room <c>m.receipt</c> ephemeral event a user may see and their
/// <c>m.fully_read</c> account data, initial (no <c>since</c>) or incremental.
/// </summary>
public sealed class ReceiptSyncBuilder
{
    private static readonly IReadOnlyDictionary<RoomId, RoomReceiptSync> NoRooms = new Dictionary<RoomId, RoomReceiptSync>();

    private readonly IReceiptStore _receipts;
    private readonly IReadMarkerStore _markers;
    private readonly RoomChangeTracker _tracker;
    private readonly TimeProvider _timeProvider;

    internal ReceiptSyncBuilder(IReceiptStore receipts, IReadMarkerStore markers, RoomChangeTracker tracker, TimeProvider timeProvider)
    {
        _receipts = receipts;
        _markers = markers;
        _tracker = tracker;
        _timeProvider = timeProvider;
    }

    /// <summary>Builds the receipts part of a sync for <paramref name="userId"/> over <paramref name="joinedRooms"/>.</summary>
    /// <param name="userId">Who is syncing.</param>
    /// <param name="joinedRooms">The rooms the user is joined to now; no other room gets receipts.</param>
    /// <param name="since">The previous <see cref="ReceiptSync.NextBatch"/>, or <see langword="null"/> for an initial sync.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<ReceiptSync> BuildAsync(
        UserId userId,
        IReadOnlyCollection<RoomId> joinedRooms,
        StreamPosition? since,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(joinedRooms);
        using Activity? activity = ReadSideMetrics.ActivitySource.StartActivity("matrix.receipts.sync");

        // The upper bound is read first: everything up to it is in the store, and it becomes the next token, so a
        // change landing while this sync runs is delivered by the next one rather than lost.
        StreamPosition start = await _tracker.EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        StreamPosition upTo = await _receipts.GetCurrentPositionAsync(cancellationToken).ConfigureAwait(false);
        StreamPosition from = since ?? StreamPosition.Zero;
        if (from >= upTo || joinedRooms.Count == 0)
        {
            return new ReceiptSync(upTo, NoRooms);
        }

        IReadOnlyCollection<RoomId> rooms = joinedRooms;
        if (since is not null)
        {
            var changed = new List<RoomId>();
            if (_tracker.TryGetChangedRooms(joinedRooms, start, from, upTo, changed))
            {
                rooms = changed;
            }
        }

        activity?.SetTag("matrix.receipts.rooms_queried", rooms.Count);
        if (rooms.Count == 0)
        {
            return new ReceiptSync(upTo, NoRooms);
        }

        IReadOnlyList<StoredReceipt> rows = await _receipts.GetReceiptsAsync(rooms, from, upTo, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<StoredReadMarker> markers = await _markers.GetChangesAsync(userId, from, upTo, cancellationToken).ConfigureAwait(false);

        Dictionary<RoomId, ReceiptEventContent> contents = await BuildContentsAsync(userId, rows, incremental: since is not null, cancellationToken)
            .ConfigureAwait(false);

        var joined = joinedRooms as IReadOnlySet<RoomId> ?? new HashSet<RoomId>(joinedRooms);
        var fullyRead = new Dictionary<RoomId, EventId>();
        foreach (StoredReadMarker stored in markers)
        {
            if (joined.Contains(stored.Marker.Room))
            {
                fullyRead[stored.Marker.Room] = stored.Marker.EventId;
            }
        }

        var result = new Dictionary<RoomId, RoomReceiptSync>(contents.Count + fullyRead.Count);
        foreach ((RoomId roomId, ReceiptEventContent content) in contents)
        {
            result[roomId] = new RoomReceiptSync(content, fullyRead.TryGetValue(roomId, out EventId marker) ? marker : null);
        }

        foreach ((RoomId roomId, EventId marker) in fullyRead)
        {
            result.TryAdd(roomId, new RoomReceiptSync(null, marker));
        }

        return new ReceiptSync(upTo, result);
    }

    /// <summary>
    /// Waits until a receipt or read marker lands in one of <paramref name="roomIds"/> after <paramref name="since"/>,
    /// or <paramref name="timeout"/> passes; returns whether something landed.
    /// </summary>
    public ValueTask<bool> WaitForChangeAsync(
        IReadOnlyCollection<RoomId> roomIds,
        StreamPosition since,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        return _tracker.WaitAsync(roomIds, since, timeout, _timeProvider, cancellationToken);
    }

    private async ValueTask<Dictionary<RoomId, ReceiptEventContent>> BuildContentsAsync(
        UserId userId,
        IReadOnlyList<StoredReceipt> rows,
        bool incremental,
        CancellationToken cancellationToken)
    {
        // One entry per (room, event, type, user) can be shown; MSC4102: the unthreaded receipt wins over a threaded
        // one on the same event, so clients that do not understand threads see the receipt that covers the room.
        var chosen = new Dictionary<(RoomId Room, EventId Event, ReceiptType Type, UserId User), StoredReceipt>();
        foreach (StoredReceipt row in rows)
        {
            Receipt receipt = row.Receipt;
            if (!IsVisibleTo(receipt, userId))
            {
                continue;
            }

            var slot = (receipt.Room, receipt.EventId, receipt.Type, receipt.User);
            if (!chosen.TryGetValue(slot, out StoredReceipt? current) || Wins(row, current))
            {
                chosen[slot] = row;
            }
        }

        Dictionary<(RoomId Room, UserId User), IReadOnlyList<StoredReceipt>>? userRows = null;
        var contents = new Dictionary<RoomId, ReceiptEventContent>();
        foreach (((RoomId roomId, EventId eventId, ReceiptType type, UserId user), StoredReceipt row) in chosen)
        {
            // In an incremental sync only the threaded key may have changed while an unchanged unthreaded receipt on
            // the same event was already sent; the threaded one must not be shown over it.
            if (incremental && !row.Receipt.Thread.IsUnthreaded)
            {
                userRows ??= [];
                if (!userRows.TryGetValue((roomId, user), out IReadOnlyList<StoredReceipt>? current))
                {
                    current = await _receipts.GetUserReceiptsAsync(roomId, user, cancellationToken).ConfigureAwait(false);
                    userRows[(roomId, user)] = current;
                }

                if (HasUnthreaded(current, eventId, type))
                {
                    continue;
                }
            }

            if (!contents.TryGetValue(roomId, out ReceiptEventContent? content))
            {
                content = new ReceiptEventContent();
                contents.Add(roomId, content);
            }

            content.Set(eventId, type, user, new ReceiptData(row.Receipt.Timestamp, row.Receipt.Thread));
        }

        return contents;
    }

    // Privacy by allow-list (behaviour contract §6): m.read is shared; m.read.private only with its owner; any other
    // type, known or not, is never shown.
    private static bool IsVisibleTo(Receipt receipt, UserId viewer) =>
        receipt.Type == ReceiptType.Read || (receipt.Type == ReceiptType.ReadPrivate && receipt.User == viewer);

    private static bool Wins(StoredReceipt candidate, StoredReceipt current)
    {
        bool candidateUnthreaded = candidate.Receipt.Thread.IsUnthreaded;
        if (candidateUnthreaded != current.Receipt.Thread.IsUnthreaded)
        {
            return candidateUnthreaded;
        }

        // Two threaded receipts on one event (a thread root read as both main and its thread): the newer change shows.
        return candidate.Position > current.Position;
    }

    private static bool HasUnthreaded(IReadOnlyList<StoredReceipt> rows, EventId eventId, ReceiptType type)
    {
        foreach (StoredReceipt row in rows)
        {
            if (row.Receipt.Thread.IsUnthreaded && row.Receipt.EventId == eventId && row.Receipt.Type == type)
            {
                return true;
            }
        }

        return false;
    }
}
