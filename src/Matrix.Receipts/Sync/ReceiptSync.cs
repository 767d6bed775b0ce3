namespace Matrix.Receipts;

/// <summary>The receipts part of one sync response.</summary>
/// <param name="NextBatch">The position to pass as <c>since</c> next time.</param>
/// <param name="Rooms">Per joined room with something to show: its receipts and fully-read marker.</param>
public sealed record ReceiptSync(StreamPosition NextBatch, IReadOnlyDictionary<RoomId, RoomReceiptSync> Rooms);
