namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>Short ways to build the receipts and markers these tests write.</summary>
internal static class ReceiptFactory
{
    public static readonly RoomId Room = RoomId.Parse("!room:example.org");
    public static readonly UserId Alice = UserId.Parse("@alice:example.org");
    public static readonly UserId Bob = UserId.Parse("@bob:example.org");

    public static ReceiptWrite Read(long ordering, UserId? user = null, RoomId? room = null, ThreadId thread = default, ReceiptType? type = null, long ts = 1_700_000_000_000) =>
        new(new Receipt(room ?? Room, user ?? Alice, type ?? ReceiptType.Read, Event(ordering), thread, ts), ordering);

    public static ReceiptWrite Remote(string eventId, UserId? user = null) =>
        new(new Receipt(Room, user ?? Alice, ReceiptType.Read, EventId.Parse(eventId), ThreadId.Unthreaded, 1_700_000_000_000), null);

    public static EventId Event(long ordering) => EventId.Parse($"$event{ordering}");

    public static ReadMarker Marker(long ordering, UserId? user = null, RoomId? room = null) =>
        new(room ?? Room, user ?? Alice, Event(ordering), ordering);
}
