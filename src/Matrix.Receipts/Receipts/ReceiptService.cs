namespace Matrix.Receipts;

/// <summary>
/// Applies a validated receipt: event lookup, visibility, the thread rule, then the monotonic store
/// (behaviour contract §2 checks 11–14). <c>m.fully_read</c> goes to the read-marker store.
/// </summary>
public sealed class ReceiptService
{
    private readonly ReadReceiptWriter _writer;
    private readonly ReadMarkerService _readMarkers;

    internal ReceiptService(ReadReceiptWriter writer, ReadMarkerService readMarkers)
    {
        _writer = writer;
        _readMarkers = readMarkers;
    }

    /// <summary>Applies <paramref name="command"/>; <see langword="null"/> means 200 <c>{}</c>.</summary>
    public async ValueTask<MatrixError?> ApplyAsync(ReceiptCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);

        if (command.Type == ReceiptType.FullyRead)
        {
            if (!command.Thread.IsUnthreaded)
            {
                return MatrixError.InvalidParam("thread_id is not allowed with m.fully_read");
            }

            // Exactly /read_markers with {"m.fully_read": eventId}: 404 for an unknown event, forward-only marker.
            return await _readMarkers
                .ApplyAsync(new ReadMarkersCommand(command.User, command.Room, FullyRead: command.EventId), cancellationToken)
                .ConfigureAwait(false);
        }

        if (!command.Type.IsReadReceipt)
        {
            return MatrixError.InvalidParam("Receipt type must be m.read, m.read.private or m.fully_read");
        }

        (RoomEvent? found, MatrixError? error) = await _writer
            .CheckAsync(command.User, command.Room, command.EventId, command.Thread, cancellationToken)
            .ConfigureAwait(false);
        if (error is not null || found is null)
        {
            // An unknown event is 200 with nothing stored.
            return error;
        }

        await _writer.StoreAsync(command.User, command.Room, command.Type, found, command.Thread, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
