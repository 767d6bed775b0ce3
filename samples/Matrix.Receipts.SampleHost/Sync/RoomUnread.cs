namespace Matrix.Receipts.SampleHost;

/// <summary>A room's unread counts: the room (or main timeline) and, when the client asked for them, each thread.</summary>
internal sealed record RoomUnread(UnreadCounts Room, IReadOnlyDictionary<EventId, UnreadCounts>? Threads);
