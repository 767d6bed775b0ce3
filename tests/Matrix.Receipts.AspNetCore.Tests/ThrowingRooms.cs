namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>A host whose room lookups fail, as a broken database would.</summary>
internal sealed class ThrowingRooms : IHomeserverRooms
{
    public ValueTask<RoomEvent?> FindEventAsync(RoomId roomId, EventId eventId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("room database is down");

    public ValueTask<bool> IsJoinedAsync(UserId userId, RoomId roomId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("room database is down");

    public ValueTask<IReadOnlyCollection<RoomId>> GetJoinedRoomsAsync(UserId userId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("room database is down");
}
