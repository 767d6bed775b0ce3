namespace Matrix.Receipts;

/// <summary>An event's <c>m.relates_to</c>: its relation type and the event it points at.</summary>
/// <param name="RelationType">For example <c>m.thread</c>, <c>m.annotation</c>, <c>m.replace</c>, <c>m.reference</c>.</param>
/// <param name="ParentEventId">The event this one relates to.</param>
public sealed record EventRelation(string RelationType, EventId ParentEventId)
{
    /// <summary>The relation type of thread replies.</summary>
    public const string Thread = "m.thread";
}
