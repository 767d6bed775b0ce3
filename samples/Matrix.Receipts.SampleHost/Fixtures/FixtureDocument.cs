namespace Matrix.Receipts.SampleHost;

/// <summary>The fixture file: the server name, the users with their access tokens, and the rooms.</summary>
internal sealed class FixtureDocument
{
    public string? ServerName { get; set; }

    public List<FixtureUser>? Users { get; set; }

    public List<FixtureRoom>? Rooms { get; set; }
}
