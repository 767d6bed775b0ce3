namespace Matrix.Receipts.SampleHost;

/// <summary>An event of the sample world.</summary>
/// <param name="Event">What the receipts module sees: ID, stream ordering, relation, sender.</param>
/// <param name="Body">The text, searched for the reader's user ID to count highlights.</param>
/// <param name="ThreadRoot">The thread the event belongs to, or <see langword="null"/> for the main timeline.</param>
internal sealed record SampleEvent(RoomEvent Event, string? Body, EventId? ThreadRoot);
