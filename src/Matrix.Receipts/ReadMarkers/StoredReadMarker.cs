namespace Matrix.Receipts;

/// <summary>A read marker as stored, with the stream position of its last change.</summary>
/// <param name="Marker">The marker.</param>
/// <param name="Position">The stream position at which it last changed.</param>
public sealed record StoredReadMarker(ReadMarker Marker, StreamPosition Position);
