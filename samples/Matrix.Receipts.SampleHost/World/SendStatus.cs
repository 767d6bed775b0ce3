namespace Matrix.Receipts.SampleHost;

/// <summary>The outcome of sending an event into the sample world.</summary>
internal enum SendStatus
{
    /// <summary>Appended (or the transaction was already sent: the same event is returned).</summary>
    Sent,

    /// <summary>The sender is not joined to the room (or the room does not exist).</summary>
    NotJoined,

    /// <summary>The event relates to an event that is not in the room.</summary>
    UnknownRelatedEvent,
}
