namespace Matrix.Receipts;

/// <summary>
/// Implemented by the homeserver: the questions the receipts module asks about rooms and events.
/// Every method may be called on the request path, so answer from memory or a cache where you can.
/// </summary>
public interface IHomeserverRooms
{
    /// <summary>Finds <paramref name="eventId"/> in <paramref name="roomId"/>; <see langword="null"/> when the event is unknown or in another room.</summary>
    ValueTask<RoomEvent?> FindEventAsync(RoomId roomId, EventId eventId, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="userId"/> is currently joined to <paramref name="roomId"/>.</summary>
    ValueTask<bool> IsJoinedAsync(UserId userId, RoomId roomId, CancellationToken cancellationToken = default);

    /// <summary>The rooms <paramref name="userId"/> is currently joined to.</summary>
    ValueTask<IReadOnlyCollection<RoomId>> GetJoinedRoomsAsync(UserId userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="userId"/> may see <paramref name="roomEvent"/> (history visibility).
    /// The default rule: the user is currently joined to the room.
    /// </summary>
    ValueTask<bool> CanSeeEventAsync(UserId userId, RoomId roomId, RoomEvent roomEvent, CancellationToken cancellationToken = default) =>
        IsJoinedAsync(userId, roomId, cancellationToken);
}
