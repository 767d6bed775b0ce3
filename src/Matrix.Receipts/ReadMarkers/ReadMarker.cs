namespace Matrix.Receipts;

/// <summary>A fully-read marker: room account data <c>m.fully_read</c> with content <c>{"event_id": ...}</c>.</summary>
/// <param name="Room">The room.</param>
/// <param name="User">The owner; the marker is only ever shown to them.</param>
/// <param name="EventId">The event the user has fully read up to.</param>
/// <param name="EventOrdering">The host's stream ordering of <paramref name="EventId"/>.</param>
public sealed record ReadMarker(RoomId Room, UserId User, EventId EventId, long EventOrdering);
