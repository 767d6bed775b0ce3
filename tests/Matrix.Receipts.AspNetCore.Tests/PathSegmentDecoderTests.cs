namespace Matrix.Receipts.AspNetCore.Tests;

[TestFixture]
public sealed class PathSegmentDecoderTests
{
    [TestCase("$abc", "$abc")]
    [TestCase("$a%2Fb", "$a/b")]
    [TestCase("$a%2fb", "$a/b")]
    [TestCase("$a%252Fb", "$a%2Fb")]
    [TestCase("%21room%3Aexample.org", "!room:example.org")]
    [TestCase("caf%C3%A9", "café")]
    [TestCase("a+b", "a+b")]
    public void Decodes_each_escape_exactly_once(string raw, string expected)
    {
        PathSegmentDecoder.TryDecode(raw, out string decoded).Should().BeTrue();
        decoded.Should().Be(expected);
    }

    [TestCase("$a%ZZ")]
    [TestCase("$a%2")]
    [TestCase("$a%")]
    [TestCase("$a%FF")]
    [TestCase("$a%C3")]
    [TestCase("$a%ED%A0%80")]
    [TestCase("caf\u00e9")]
    public void Refuses_malformed_escapes_and_invalid_utf8(string raw)
    {
        PathSegmentDecoder.TryDecode(raw, out _).Should().BeFalse();
    }

    [Test]
    public void Decodes_long_segments()
    {
        string raw = string.Concat(Enumerable.Repeat("%2F", 400));

        PathSegmentDecoder.TryDecode(raw, out string decoded).Should().BeTrue();
        decoded.Should().Be(new string('/', 400));
    }
}
