namespace Matrix.Receipts;

/// <summary>How a read-marker write treats the stored marker.</summary>
public enum ReadMarkerWriteMode
{
    /// <summary>Apply only when no marker is stored or the new event's ordering is strictly greater.</summary>
    ForwardOnly = 0,

    /// <summary>
    /// Apply whenever the event differs from the stored one: the old marker's event is gone or in another room,
    /// or the client asked to move backward (MSC4446).
    /// </summary>
    Replace = 1,
}
