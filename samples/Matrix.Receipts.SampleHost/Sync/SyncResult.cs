namespace Matrix.Receipts.SampleHost;

/// <summary>What one sync answers with, before it is written.</summary>
/// <param name="NextBatch">The token for the next sync.</param>
/// <param name="Joined">Per joined room to show: its receipts part (if any) and its unread counts.</param>
/// <param name="Left">Rooms the user left since the previous token.</param>
internal sealed record SyncResult(
    SyncToken NextBatch,
    IReadOnlyList<(RoomId Room, RoomReceiptSync? Receipts, RoomUnread Unread)> Joined,
    IReadOnlyCollection<RoomId> Left)
{
    /// <summary>Whether an incremental sync has nothing to report (a long poll keeps waiting).</summary>
    public bool IsEmpty => Joined.Count == 0 && Left.Count == 0;
}
