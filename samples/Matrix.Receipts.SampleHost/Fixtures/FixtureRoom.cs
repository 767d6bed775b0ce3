namespace Matrix.Receipts.SampleHost;

/// <summary>A room of the fixture: its joined members and its events in stream order.</summary>
internal sealed class FixtureRoom
{
    public string? RoomId { get; set; }

    public List<string?>? Members { get; set; }

    public List<FixtureEvent?>? Events { get; set; }
}
