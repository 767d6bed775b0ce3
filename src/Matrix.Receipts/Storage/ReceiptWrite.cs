namespace Matrix.Receipts;

/// <summary>A receipt to store, with its event's stream ordering.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="EventOrdering">
/// The host's stream ordering of the receipt's event, or <see langword="null"/> for a remote receipt on an event this
/// server does not know (stored without an ordering and replaced by the next receipt for that key).
/// </param>
public sealed record ReceiptWrite(Receipt Receipt, long? EventOrdering);
