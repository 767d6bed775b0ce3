namespace Matrix.Receipts;

/// <summary>What one room contributes to a sync.</summary>
/// <param name="Receipts">The content of the room's <c>m.receipt</c> ephemeral event, or <see langword="null"/> when there is none to show.</param>
/// <param name="FullyRead">The user's <c>m.fully_read</c> marker event, when it is to be sent in <c>account_data</c>.</param>
public sealed record RoomReceiptSync(ReceiptEventContent? Receipts, EventId? FullyRead);
