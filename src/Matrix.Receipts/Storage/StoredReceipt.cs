namespace Matrix.Receipts;

/// <summary>A receipt as stored: the current value of its key, with the position of its last change.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="EventOrdering">The stream ordering of the receipt's event, if known.</param>
/// <param name="Position">The stream position at which this key last changed.</param>
public sealed record StoredReceipt(Receipt Receipt, long? EventOrdering, StreamPosition Position);
