using System.Text;

namespace Matrix.Receipts.Tests.Http;

/// <summary>Authentication (check 1), routing and the host-neutral response shape.</summary>
[TestFixture]
public sealed class MatrixReceiptsEndpointTests
{
    private ReceiptsHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new ReceiptsHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<MatrixResponse> HandleAsync(string method, string path, string body = "{}", string? token = ReceiptsHarness.AliceToken) =>
        _h.Endpoint.HandleAsync(new MatrixRequest(method, path.Split('/'), Encoding.UTF8.GetBytes(body), token)).AsTask();

    private Task<MatrixResponse> HandleAsync(string method, string[] segments, string body = "{}") =>
        _h.Endpoint.HandleAsync(new MatrixRequest(method, segments, Encoding.UTF8.GetBytes(body), ReceiptsHarness.AliceToken)).AsTask();

    [TestCase(null)]
    [TestCase("")]
    public async Task Missing_token_is_401_missing_token_and_stores_nothing(string? token)
    {
        (await _h.PostReceiptAsync("m.read", "$e1", token: token)).ShouldBeError(401, MatrixErrorCode.MissingToken);
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e1\"}", token: token)).ShouldBeError(401, MatrixErrorCode.MissingToken);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Unknown_token_is_401_unknown_token_and_stores_nothing()
    {
        (await _h.PostReceiptAsync("m.read", "$e1", token: "nope")).ShouldBeError(401, MatrixErrorCode.UnknownToken);
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e1\"}", token: "nope")).ShouldBeError(401, MatrixErrorCode.UnknownToken);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Guest_is_403_guest_access_forbidden_and_stores_nothing()
    {
        (await _h.PostReceiptAsync("m.read", "$e1", token: ReceiptsHarness.GuestToken)).ShouldBeError(403, MatrixErrorCode.GuestAccessForbidden);
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e1\"}", token: ReceiptsHarness.GuestToken)).ShouldBeError(403, MatrixErrorCode.GuestAccessForbidden);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Authentication_is_checked_before_everything_else()
    {
        MatrixResponse response = await _h.Endpoint.PostReceiptAsync(null, "bad room", "m.bogus", "bad", Encoding.UTF8.GetBytes("not json"));
        response.ShouldBeError(401, MatrixErrorCode.MissingToken);
    }

    [Test]
    public async Task Success_body_is_exactly_an_empty_object()
    {
        MatrixResponse response = await _h.PostReceiptAsync("m.read", "$e1");
        response.ShouldBeOk();
        response.Headers.Should().BeEmpty();
        MatrixResponse.ContentType.Should().Be("application/json");
    }

    [TestCase("v3")]
    [TestCase("r0")]
    public async Task Receipt_route_is_served_on_v3_and_r0(string version)
    {
        (await HandleAsync("POST", version + "/rooms/!room:example.org/receipt/m.read/$e2")).ShouldBeOk();
        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E2.EventId);
    }

    [TestCase("v3")]
    [TestCase("r0")]
    public async Task Read_markers_route_is_served_on_v3_and_r0(string version)
    {
        (await HandleAsync("POST", version + "/rooms/!room:example.org/read_markers", "{\"m.fully_read\":\"$e2\"}")).ShouldBeOk();
        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E2.EventId);
    }

    [Test]
    public async Task Decoded_segments_are_used_as_given_so_an_event_id_may_contain_a_slash()
    {
        RoomEvent slashed = _h.World.AddEvent(ReceiptsHarness.Room, "$abc/def+ghi");
        (await HandleAsync("POST", ["v3", "rooms", ReceiptsHarness.Room, "receipt", "m.read", "$abc/def+ghi"])).ShouldBeOk();
        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(slashed.EventId);
    }

    [Test]
    public async Task Percent_encoded_text_in_a_segment_is_not_decoded_again()
    {
        // "%2F" reaching the library means the client sent "%252F": it is part of the ID, not a slash.
        _h.World.AddEvent(ReceiptsHarness.Room, "$abc/def");
        (await HandleAsync("POST", ["v3", "rooms", ReceiptsHarness.Room, "receipt", "m.read", "$abc%2Fdef"])).ShouldBeOk();
        (await _h.ReceiptsOfAsync()).Should().BeEmpty();
    }

    [TestCase("v3/rooms/!room:example.org/receipt/m.read")]
    [TestCase("v3/rooms/!room:example.org/receipt/m.read/$e1/extra")]
    [TestCase("v3/rooms/!room:example.org/receipts/m.read/$e1")]
    [TestCase("v1/rooms/!room:example.org/receipt/m.read/$e1")]
    [TestCase("v3/room/!room:example.org/read_markers")]
    [TestCase("v3/rooms/!room:example.org/read_markers/x")]
    [TestCase("v3/rooms/!room:example.org/account_data/m.fully_read")]
    [TestCase("V3/rooms/!room:example.org/read_markers")]
    [TestCase("v3")]
    [TestCase("")]
    public async Task Unknown_path_is_404_unrecognized(string path)
    {
        (await HandleAsync("POST", path)).ShouldBeError(404, MatrixErrorCode.Unrecognized);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [TestCase("GET", "v3/rooms/!room:example.org/receipt/m.read/$e1")]
    [TestCase("PUT", "v3/rooms/!room:example.org/receipt/m.read/$e1")]
    [TestCase("DELETE", "r0/rooms/!room:example.org/read_markers")]
    [TestCase("GET", "v3/rooms/!room:example.org/read_markers")]
    public async Task Known_path_with_the_wrong_method_is_405_unrecognized(string method, string path)
    {
        (await HandleAsync(method, path)).ShouldBeError(405, MatrixErrorCode.Unrecognized);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Wrong_method_is_reported_before_authentication() =>
        (await HandleAsync("GET", "v3/rooms/!room:example.org/read_markers", token: null)).ShouldBeError(405, MatrixErrorCode.Unrecognized);
}
