namespace Matrix.Receipts.SampleHost;

/// <summary>A local user of the fixture and the access token that authenticates them.</summary>
internal sealed class FixtureUser
{
    public string? UserId { get; set; }

    public string? AccessToken { get; set; }

    public bool Guest { get; set; }
}
