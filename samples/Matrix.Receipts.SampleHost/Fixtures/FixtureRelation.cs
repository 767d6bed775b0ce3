namespace Matrix.Receipts.SampleHost;

/// <summary>The <c>m.relates_to</c> of a fixture event.</summary>
internal sealed class FixtureRelation
{
    public string? RelType { get; set; }

    public string? EventId { get; set; }
}
