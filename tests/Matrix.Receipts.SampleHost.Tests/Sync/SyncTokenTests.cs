namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class SyncTokenTests
{
    [Test]
    public void Token_round_trips_through_its_text()
    {
        var token = new SyncToken(new StreamPosition(42), 7, "a1b2c3d4");

        SyncToken.TryParse(token.ToString(), out SyncToken parsed).Should().BeTrue();

        token.ToString().Should().Be("r42_w7_a1b2c3d4");
        parsed.Should().Be(token);
    }

    [TestCase("")]
    [TestCase("42")]
    [TestCase("r42_w7")]
    [TestCase("r42_w7_")]
    [TestCase("rx_w7_e")]
    [TestCase("r42_x7_e")]
    [TestCase("r-1_w7_e")]
    [TestCase("r42_w7_e_f")]
    public void Malformed_token_is_refused(string text) => SyncToken.TryParse(text, out _).Should().BeFalse();
}
