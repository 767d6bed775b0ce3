using System.Net;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Path segments are percent-decoded exactly once, from the raw request target.</summary>
[TestFixture]
public sealed class PathDecodingTests
{
    private ReceiptsTestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await ReceiptsTestServer.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private Task<(int Status, string Headers, string Body)> PostRawAsync(string target, string token = AliceToken) =>
        RawHttp.SendAsync(_server.Port, $"POST {target} HTTP/1.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 2", "{}"u8.ToArray());

    [Test]
    public async Task Encoded_slash_and_plus_in_a_v3_event_id_decode_to_the_event_id()
    {
        string encoded = SlashEvent.Replace("/", "%2F", StringComparison.Ordinal).Replace("+", "%2B", StringComparison.Ordinal);

        (int status, _, string body) = await PostRawAsync($"/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/{encoded}");

        status.Should().Be(200, body);
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.EventId.Value.Should().Be(SlashEvent);
    }

    [Test]
    public async Task Lowercase_escapes_and_a_literal_plus_are_accepted()
    {
        string encoded = SlashEvent.Replace("/", "%2f", StringComparison.Ordinal);

        (int status, _, string body) = await PostRawAsync($"/_matrix/client/r0/rooms/%21room%3aexample.org/receipt/m.read/{encoded}");

        status.Should().Be(200, body);
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.EventId.Value.Should().Be(SlashEvent);
    }

    [Test]
    public async Task Double_encoded_slash_decodes_once_to_percent_2F()
    {
        _server.World.AddEvent(Room, "$a%2Fb", Bob);
        _server.World.AddEvent(Room, "$a/b", Bob);

        (int status, _, string body) = await PostRawAsync("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$a%252Fb");

        status.Should().Be(200, body);
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.EventId.Value.Should().Be("$a%2Fb");
    }

    [Test]
    public async Task Encoded_room_id_decodes()
    {
        (int status, _, string body) = await PostRawAsync("/_matrix/client/v3/rooms/%21room%3Aexample.org/read_markers");

        status.Should().Be(200, body);
        body.Should().Be("{}");
    }

    [TestCase("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1%ZZ")]
    [TestCase("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1%2")]
    [TestCase("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1%FF%FE")]
    [TestCase("/_matrix/client/v3/rooms/!room%ZZ:example.org/receipt/m.read/$e1:example.org")]
    [TestCase("/_matrix/client/v3/rooms/!room:example.org/receipt/m.re%ZZad/$e1:example.org")]
    [TestCase("/_matrix/client/v3/rooms/!room%C0:example.org/read_markers")]
    public async Task Malformed_escape_is_400_M_INVALID_PARAM(string target)
    {
        (int status, string headers, string body) = await PostRawAsync(target);

        status.Should().Be(400, body);
        headers.Should().Contain("Content-Type: application/json");
        body.Should().Contain("\"M_INVALID_PARAM\"");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Malformed_escape_without_a_token_is_401_first()
    {
        (int status, _, string body) = await RawHttp.SendAsync(
            _server.Port, "POST /_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1%ZZ HTTP/1.1\r\nContent-Length: 0");

        status.Should().Be(401, body);
        body.Should().Contain("\"M_MISSING_TOKEN\"");
    }

    [Test]
    public async Task Dot_segments_resolve_as_the_server_routed_them()
    {
        (int status, _, string body) = await PostRawAsync("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$nope/../$e2:example.org");

        status.Should().Be(200, body);
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.EventId.Value.Should().Be("$e2:example.org");
    }

    [TestCase("/_matrix/client/V3/rooms/!room:example.org/receipt/m.read/$e1:example.org")]
    [TestCase("/_matrix/client/v3/ROOMS/!room:example.org/receipt/m.read/$e1:example.org")]
    [TestCase("/_matrix/client/v3/rooms/!room:example.org/Receipt/m.read/$e1:example.org")]
    public async Task Path_literals_are_case_sensitive(string target)
    {
        (int status, _, string body) = await PostRawAsync(target);

        status.Should().Be(404, body);
        body.Should().Contain("\"M_UNRECOGNIZED\"");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("OPTIONS")]
    public async Task Wrong_case_path_is_unknown_whatever_the_method(string method)
    {
        (int status, _, string body) = await RawHttp.SendAsync(
            _server.Port,
            $"{method} /_matrix/client/V3/rooms/!room:example.org/receipt/m.read/$e1:example.org HTTP/1.1\r\nAuthorization: Bearer {AliceToken}\r\nContent-Length: 0",
            []);

        status.Should().Be(404, body);
        body.Should().Contain("\"M_UNRECOGNIZED\"");
    }

    [TestCase("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$e1:example.org/")]
    [TestCase("/_matrix/client/v3/rooms/!room:example.org/read_markers/")]
    public async Task Trailing_slash_is_an_unknown_path(string target)
    {
        (int status, _, string body) = await PostRawAsync(target);

        status.Should().Be(404, body);
        body.Should().Contain("\"M_UNRECOGNIZED\"");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Unencoded_slash_in_an_event_id_is_an_unknown_path()
    {
        (await _server.PostAsync("/_matrix/client/v3/rooms/!room:example.org/receipt/m.read/$Rqnc/KgFR")).ShouldBeError(HttpStatusCode.NotFound, "M_UNRECOGNIZED");
    }
}
