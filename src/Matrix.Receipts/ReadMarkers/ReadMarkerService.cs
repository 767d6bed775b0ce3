using Microsoft.Extensions.Options;

namespace Matrix.Receipts;

/// <summary>
/// Applies <c>/read_markers</c> (behaviour contract §5): the fully-read marker (room account data <c>m.fully_read</c>) and
/// unthreaded <c>m.read</c>/<c>m.read.private</c> receipts. Every key is validated, host checks included, before any is
/// applied; then they are applied in the order fully-read, read, read-private.
/// </summary>
public sealed class ReadMarkerService
{
    private readonly IHomeserverRooms _rooms;
    private readonly IReadMarkerStore _markers;
    private readonly ReadReceiptWriter _receipts;
    private readonly IOptions<MatrixReceiptsOptions> _options;
    private readonly IReceiptWriteListener[] _listeners;

    internal ReadMarkerService(
        IHomeserverRooms rooms,
        IReadMarkerStore markers,
        ReadReceiptWriter receipts,
        IOptions<MatrixReceiptsOptions> options,
        IEnumerable<IReceiptWriteListener> listeners)
    {
        _rooms = rooms;
        _markers = markers;
        _receipts = receipts;
        _options = options;
        _listeners = [.. listeners];
    }

    /// <summary>Applies <paramref name="command"/>; <see langword="null"/> means 200 <c>{}</c>. A returned error means nothing changed.</summary>
    public async ValueTask<MatrixError?> ApplyAsync(ReadMarkersCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        UserId user = command.User;
        RoomId room = command.Room;

        RoomEvent? fullyRead = null;
        if (command.FullyRead is EventId fullyReadId)
        {
            fullyRead = await _rooms.FindEventAsync(room, fullyReadId, cancellationToken).ConfigureAwait(false);
            if (fullyRead is null)
            {
                return MatrixError.NotFound("Event not found in this room");
            }

            if (!await _rooms.CanSeeEventAsync(user, room, fullyRead, cancellationToken).ConfigureAwait(false))
            {
                return MatrixError.Forbidden("You cannot see this event");
            }
        }

        RoomEvent? read = null;
        if (command.Read is EventId readId)
        {
            (read, MatrixError? error) = await _receipts.CheckAsync(user, room, readId, ThreadId.Unthreaded, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }

        RoomEvent? readPrivate = null;
        if (command.ReadPrivate is EventId readPrivateId)
        {
            (readPrivate, MatrixError? error) = await _receipts.CheckAsync(user, room, readPrivateId, ThreadId.Unthreaded, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }

        if (fullyRead is not null)
        {
            bool backward = command.AllowBackward && _options.Value.AllowBackwardFullyReadMarker;
            await SetFullyReadAsync(user, room, fullyRead, backward, cancellationToken).ConfigureAwait(false);
        }

        if (read is not null)
        {
            await _receipts.StoreAsync(user, room, ReceiptType.Read, read, ThreadId.Unthreaded, cancellationToken).ConfigureAwait(false);
        }

        if (readPrivate is not null)
        {
            await _receipts.StoreAsync(user, room, ReceiptType.ReadPrivate, readPrivate, ThreadId.Unthreaded, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async ValueTask SetFullyReadAsync(UserId user, RoomId room, RoomEvent roomEvent, bool allowBackward, CancellationToken cancellationToken)
    {
        ReadMarkerWriteMode mode = allowBackward ? ReadMarkerWriteMode.Replace : ReadMarkerWriteMode.ForwardOnly;
        if (mode == ReadMarkerWriteMode.ForwardOnly)
        {
            StoredReadMarker? current = await _markers.GetAsync(room, user, cancellationToken).ConfigureAwait(false);
            if (current is not null
                && await _rooms.FindEventAsync(room, current.Marker.EventId, cancellationToken).ConfigureAwait(false) is null)
            {
                // The old marker points at an event that was purged or is in another room: its ordering means nothing here.
                mode = ReadMarkerWriteMode.Replace;
            }
        }

        var marker = new ReadMarker(room, user, roomEvent.EventId, roomEvent.StreamOrdering);
        StoreWriteResult result = await _markers.TrySetAsync(marker, mode, cancellationToken).ConfigureAwait(false);
        if (!result.Changed)
        {
            return;
        }

        var stored = new StoredReadMarker(marker, result.Position);
        foreach (IReceiptWriteListener listener in _listeners)
        {
            await listener.OnReadMarkerStoredAsync(stored, cancellationToken).ConfigureAwait(false);
        }
    }
}
