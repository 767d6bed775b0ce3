namespace Matrix.Receipts.SampleHost;

/// <summary>One line of the world journal: an event sent, or a member joining or leaving.</summary>
internal sealed class WorldJournalEntry
{
    public const string SendKind = "send";
    public const string JoinKind = "join";
    public const string LeaveKind = "leave";

    /// <summary><c>send</c>, <c>join</c> or <c>leave</c>.</summary>
    public string? Kind { get; set; }

    public string? RoomId { get; set; }

    /// <summary>The sender of a sent event, or the member joining or leaving.</summary>
    public string? UserId { get; set; }

    public string? EventId { get; set; }

    /// <summary>The stream ordering the event got; replay checks it gets the same one again.</summary>
    public long? Ordering { get; set; }

    public string? TxnId { get; set; }

    public string? RelType { get; set; }

    public string? RelatesTo { get; set; }

    public string? Body { get; set; }
}
