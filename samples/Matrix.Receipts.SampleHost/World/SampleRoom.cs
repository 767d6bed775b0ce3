namespace Matrix.Receipts.SampleHost;

/// <summary>A room of the sample world. Guarded by the world's lock.</summary>
internal sealed class SampleRoom(RoomId roomId)
{
    public RoomId RoomId { get; } = roomId;

    public HashSet<UserId> Members { get; } = [];

    public List<SampleEvent> Events { get; } = [];

    public Dictionary<EventId, SampleEvent> EventsById { get; } = [];

    /// <summary>The world version of the room's last event or membership change.</summary>
    public long LastChangeVersion { get; set; }
}
