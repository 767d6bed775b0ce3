using System.Collections.Concurrent;

namespace Matrix.Receipts.Testing;

/// <summary>
/// A small homeserver world for tests: rooms with members and ordered events with relations, and access tokens.
/// Implements the two host hooks the library asks a homeserver for.
/// </summary>
public sealed class TestWorld : IHomeserverRooms, IAccessTokenValidator
{
    private readonly ConcurrentDictionary<RoomId, Room> _rooms = new();
    private readonly ConcurrentDictionary<string, AuthenticatedUser> _tokens = new(StringComparer.Ordinal);
    private long _ordering;

    /// <summary>Adds a user with an access token.</summary>
    public TestWorld AddUser(string userId, string accessToken, bool guest = false)
    {
        _tokens[accessToken] = new AuthenticatedUser(UserId.Parse(userId), guest);
        return this;
    }

    /// <summary>Adds a room with joined members.</summary>
    public TestWorld AddRoom(string roomId, params string[] members)
    {
        var room = new Room();
        foreach (string member in members)
        {
            room.Members[UserId.Parse(member)] = true;
        }

        _rooms[RoomId.Parse(roomId)] = room;
        return this;
    }

    /// <summary>Appends an event to a room, with the next stream ordering; returns the stored event.</summary>
    public RoomEvent AddEvent(string roomId, string eventId, string? sender = null, string? relType = null, string? relatesTo = null)
    {
        Room room = _rooms[RoomId.Parse(roomId)];
        EventRelation? relation = relType is null ? null : new EventRelation(relType, EventId.Parse(relatesTo!));
        var roomEvent = new RoomEvent(
            EventId.Parse(eventId),
            Interlocked.Increment(ref _ordering),
            relation,
            sender is null ? null : UserId.Parse(sender));
        room.Events[roomEvent.EventId] = roomEvent;
        return roomEvent;
    }

    /// <summary>Joins a user to a room.</summary>
    public void Join(string roomId, string userId) => _rooms[RoomId.Parse(roomId)].Members[UserId.Parse(userId)] = true;

    /// <summary>Makes a user leave a room.</summary>
    public void Leave(string roomId, string userId) => _rooms[RoomId.Parse(roomId)].Members.TryRemove(UserId.Parse(userId), out _);

    /// <summary>Removes an event (as a purge would).</summary>
    public void Purge(string roomId, string eventId) => _rooms[RoomId.Parse(roomId)].Events.TryRemove(EventId.Parse(eventId), out _);

    /// <summary>How many times <see cref="FindEventAsync"/> was called (to show that a rejected request stopped earlier).</summary>
    public int EventLookups => _eventLookups;

    private int _eventLookups;

    /// <inheritdoc />
    public ValueTask<RoomEvent?> FindEventAsync(RoomId roomId, EventId eventId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _eventLookups);
        return ValueTask.FromResult(
            _rooms.TryGetValue(roomId, out Room? room) && room.Events.TryGetValue(eventId, out RoomEvent? found) ? found : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> IsJoinedAsync(UserId userId, RoomId roomId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_rooms.TryGetValue(roomId, out Room? room) && room.Members.ContainsKey(userId));

    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<RoomId>> GetJoinedRoomsAsync(UserId userId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyCollection<RoomId>>(_rooms.Where(r => r.Value.Members.ContainsKey(userId)).Select(r => r.Key).ToArray());

    /// <inheritdoc />
    public ValueTask<AuthenticatedUser?> ValidateAsync(string accessToken, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tokens.TryGetValue(accessToken, out AuthenticatedUser? user) ? user : null);

    private sealed class Room
    {
        public ConcurrentDictionary<UserId, bool> Members { get; } = new();

        public ConcurrentDictionary<EventId, RoomEvent> Events { get; } = new();
    }
}
