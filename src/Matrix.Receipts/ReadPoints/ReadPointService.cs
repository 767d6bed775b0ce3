namespace Matrix.Receipts;

/// <summary>
/// The effective read point of (room, user, thread): the later of the user's unthreaded receipt (either type) and
/// their receipt for that thread (either type). Private receipts count for their owner; a lagging public receipt never rewinds it.
/// </summary>
public sealed class ReadPointService
{
    /// <summary>
    /// The read point of <paramref name="userId"/> in <paramref name="roomId"/> for <paramref name="thread"/>
    /// (<see cref="ThreadId.Main"/> for the main timeline, <see cref="ThreadId.Unthreaded"/> for unthreaded receipts only);
    /// <see langword="null"/> when the user has no receipt that applies.
    /// </summary>
    public ValueTask<ReadPoint?> GetReadPointAsync(RoomId roomId, UserId userId, ThreadId thread, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
