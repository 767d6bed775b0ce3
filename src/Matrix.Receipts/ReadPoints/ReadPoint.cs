namespace Matrix.Receipts;

/// <summary>How far a user has read a timeline: the event of their effective receipt and its stream ordering.</summary>
/// <param name="EventId">The event read up to.</param>
/// <param name="EventOrdering">Its stream ordering; events with a greater ordering are unread.</param>
public sealed record ReadPoint(EventId EventId, long EventOrdering);
