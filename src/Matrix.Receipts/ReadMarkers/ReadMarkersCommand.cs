namespace Matrix.Receipts;

/// <summary>A validated <c>/read_markers</c> request; a <see langword="null"/> event ID means the key was not set.</summary>
/// <param name="User">The authenticated sender.</param>
/// <param name="Room">The room.</param>
/// <param name="FullyRead">The new fully-read marker (<c>m.fully_read</c>).</param>
/// <param name="Read">The new public read receipt (<c>m.read</c>), unthreaded.</param>
/// <param name="ReadPrivate">The new private read receipt (<c>m.read.private</c>), unthreaded.</param>
/// <param name="AllowBackward">
/// MSC4446 <c>com.beeper.allow_backward</c>: the fully-read marker may move backward. Only honoured when
/// <see cref="MatrixReceiptsOptions.AllowBackwardFullyReadMarker"/> is on.
/// </param>
public sealed record ReadMarkersCommand(
    UserId User,
    RoomId Room,
    EventId? FullyRead = null,
    EventId? Read = null,
    EventId? ReadPrivate = null,
    bool AllowBackward = false);
