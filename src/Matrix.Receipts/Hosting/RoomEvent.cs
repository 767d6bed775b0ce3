namespace Matrix.Receipts;

/// <summary>What the library needs to know about an event the host has.</summary>
/// <param name="EventId">The event.</param>
/// <param name="StreamOrdering">The order in which this server received the event; larger is later. Receipts only ever move forward by it.</param>
/// <param name="Relation">The event's relation, if it has one.</param>
/// <param name="Sender">Who sent the event, when the host knows it (used for unread counts).</param>
public sealed record RoomEvent(EventId EventId, long StreamOrdering, EventRelation? Relation = null, UserId? Sender = null);
