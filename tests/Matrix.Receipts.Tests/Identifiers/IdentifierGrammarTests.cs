namespace Matrix.Receipts.Tests.Identifiers;

[TestFixture]
public sealed class IdentifierGrammarTests
{
    [TestCase("example.org")]
    [TestCase("matrix")]
    [TestCase("my-server.example.org")]
    [TestCase("1.2.3.4")]
    [TestCase("1.2.3.4:8448")]
    [TestCase("[::1]")]
    [TestCase("[::1]:8448")]
    [TestCase("[1234:5678::abcd]")]
    [TestCase("[::ffff:1.2.3.4]")]
    [TestCase("example.org:1")]
    [TestCase("example.org:65535")]
    [TestCase("Example.ORG")]
    public void Valid_server_name_is_accepted(string value)
    {
        ServerName.TryParse(value, out ServerName parsed).Should().BeTrue();
        parsed.Value.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("example.org:0")]
    [TestCase("example.org:65536")]
    [TestCase("example.org:99999")]
    [TestCase("example.org:123456")]
    [TestCase("example.org:")]
    [TestCase(":8448")]
    [TestCase("example.org:-1")]
    [TestCase("example.org:80a")]
    [TestCase("exa mple.org")]
    [TestCase("exa_mple.org")]
    [TestCase("example.org:1:2")]
    [TestCase("[::1")]
    [TestCase("[::g]")]
    [TestCase("[]")]
    [TestCase("[::1]8448")]
    [TestCase("[::1]:0")]
    [TestCase("[::1]:")]
    [TestCase("::1")]
    [TestCase("example.org/")]
    [TestCase("ex\0ample.org")]
    public void Invalid_server_name_is_refused(string value) =>
        ServerName.TryParse(value, out _).Should().BeFalse();

    [TestCase("@alice:example.org")]
    [TestCase("@a:example.org")]
    [TestCase("@Alice.Bob=_/+:example.org:8448")]
    [TestCase("@alice:[::1]:8448")]
    [TestCase("@alice:1.2.3.4")]
    public void Valid_user_id_is_accepted(string value)
    {
        UserId.TryParse(value, out UserId parsed).Should().BeTrue();
        parsed.Value.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("@")]
    [TestCase("alice:example.org")]
    [TestCase("@:example.org")]
    [TestCase("@alice")]
    [TestCase("@alice:")]
    [TestCase("@alice:exa mple.org")]
    [TestCase("@alice:example.org:0")]
    [TestCase("@al\0ice:example.org")]
    [TestCase("!alice:example.org")]
    public void Invalid_user_id_is_refused(string value) =>
        UserId.TryParse(value, out _).Should().BeFalse();

    [TestCase("!room:example.org")]
    [TestCase("!abcDEF123:example.org:8448")]
    [TestCase("!room:[::1]")]
    [TestCase("!OpaqueRoomIdWithoutServer")]
    [TestCase("!a")]
    [TestCase("!base64+and/slash")]
    public void Valid_room_id_is_accepted_with_or_without_server_part(string value)
    {
        RoomId.TryParse(value, out RoomId parsed).Should().BeTrue();
        parsed.Value.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("!")]
    [TestCase("room:example.org")]
    [TestCase("!:example.org")]
    [TestCase("!room:")]
    [TestCase("!room:bad server")]
    [TestCase("!ro\0om:example.org")]
    [TestCase("!room\0")]
    [TestCase("$room:example.org")]
    public void Invalid_room_id_is_refused(string value) =>
        RoomId.TryParse(value, out _).Should().BeFalse();

    [TestCase("$e1")]
    [TestCase("$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk")]
    [TestCase("$acR1l0raoZnm60CBwAVgqbZqoO+mYU81xysh1u7XcJk")]
    [TestCase("$acR1l0raoZnm60CBwAVgqbZqoO_mYU81xysh1u7XcJk")]
    [TestCase("$event:example.org")]
    [TestCase("$event:example.org:8448")]
    [TestCase("$event:[::1]:8448")]
    public void Valid_event_id_is_accepted(string value)
    {
        EventId.TryParse(value, out EventId parsed).Should().BeTrue();
        parsed.Value.Should().Be(value);
    }

    [TestCase("")]
    [TestCase("$")]
    [TestCase("e1")]
    [TestCase("$a:bad server")]
    [TestCase("$a:")]
    [TestCase("$:example.org")]
    [TestCase("$a:example.org:70000")]
    [TestCase("$e\0")]
    [TestCase("$e\0:example.org")]
    [TestCase("!e1")]
    public void Invalid_event_id_is_refused(string value) =>
        EventId.TryParse(value, out _).Should().BeFalse();

    [Test]
    public void Identifiers_of_exactly_255_utf8_bytes_are_accepted_and_256_refused()
    {
        // "@" + localpart + ":example.org" (12 bytes).
        string user255 = "@" + new string('a', 255 - 1 - 12) + ":example.org";
        string user256 = "@" + new string('a', 256 - 1 - 12) + ":example.org";
        user255.Length.Should().Be(255);
        UserId.TryParse(user255, out _).Should().BeTrue();
        UserId.TryParse(user256, out _).Should().BeFalse();

        RoomId.TryParse("!" + new string('r', 254), out _).Should().BeTrue();
        RoomId.TryParse("!" + new string('r', 255), out _).Should().BeFalse();

        EventId.TryParse("$" + new string('e', 254), out _).Should().BeTrue();
        EventId.TryParse("$" + new string('e', 255), out _).Should().BeFalse();
    }

    [Test]
    public void Length_limit_counts_utf8_bytes_not_characters()
    {
        // "é" is two UTF-8 bytes: 1 + 127 * 2 = 255 bytes in 128 characters; one more "é" is 257 bytes.
        string fits = "!" + string.Concat(Enumerable.Repeat("é", 127));
        string tooLong = "!" + string.Concat(Enumerable.Repeat("é", 128));
        RoomId.TryParse(fits, out _).Should().BeTrue();
        RoomId.TryParse(tooLong, out _).Should().BeFalse();

        // "€" is three bytes: 1 + 84 * 3 = 253, plus "ab" = 255; plus "abc" = 256.
        string euro = string.Concat(Enumerable.Repeat("€", 84));
        EventId.TryParse("$" + euro + "ab", out _).Should().BeTrue();
        EventId.TryParse("$" + euro + "abc", out _).Should().BeFalse();

        string local = new('a', 255 - 12 - 1 - 2);
        UserId.TryParse("@" + local + "é:example.org", out _).Should().BeTrue();
        UserId.TryParse("@" + local + "éa:example.org", out _).Should().BeFalse();
    }

    [Test]
    public void Identifiers_are_case_sensitive_and_never_normalised()
    {
        UserId upper = UserId.Parse("@Alice:Example.org");
        UserId lower = UserId.Parse("@alice:example.org");
        upper.Value.Should().Be("@Alice:Example.org");
        upper.Should().NotBe(lower);

        EventId.Parse("$AbC").Should().NotBe(EventId.Parse("$abc"));
        RoomId.Parse("!Room:example.org").ToString().Should().Be("!Room:example.org");
        ServerName.Parse("EXAMPLE.org").Value.Should().Be("EXAMPLE.org");
    }

    [Test]
    public void Span_parsing_agrees_with_string_parsing()
    {
        EventId.TryParse("$a/b+c".AsSpan(), null, out EventId fromSpan).Should().BeTrue();
        fromSpan.Should().Be(EventId.Parse("$a/b+c"));
        RoomId.TryParse("!x:bad server".AsSpan(), null, out _).Should().BeFalse();
    }

    [Test]
    public void Parse_of_an_invalid_identifier_throws_format_exception()
    {
        FluentActions.Invoking(() => EventId.Parse("$a:bad server")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => UserId.Parse("alice")).Should().Throw<FormatException>();
    }
}
