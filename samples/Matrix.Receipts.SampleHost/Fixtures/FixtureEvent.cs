namespace Matrix.Receipts.SampleHost;

/// <summary>An event of a fixture room; <see cref="Body"/> is the text searched for highlights.</summary>
internal sealed class FixtureEvent
{
    public string? EventId { get; set; }

    public string? Sender { get; set; }

    public string? Body { get; set; }

    public FixtureRelation? RelatesTo { get; set; }
}
