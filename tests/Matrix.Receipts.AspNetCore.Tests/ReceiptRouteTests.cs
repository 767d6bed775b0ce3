using System.Net;
using static Matrix.Receipts.AspNetCore.Tests.ReceiptsTestServer;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>Behaviour contract §2 over real HTTP: each check's status, errcode and content type, and nothing stored on refusal.</summary>
[TestFixture]
public sealed class ReceiptRouteTests
{
    private ReceiptsTestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await ReceiptsTestServer.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Read_receipt_is_stored_and_answers_empty_object()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e2:example.org"))).ShouldBeOkEmpty();

        IReadOnlyList<StoredReceipt> stored = await _server.ReceiptsOfAsync(Alice);
        stored.Should().ContainSingle();
        stored[0].Receipt.Type.Should().Be(ReceiptType.Read);
        stored[0].Receipt.EventId.Value.Should().Be("$e2:example.org");
        stored[0].Receipt.Thread.Should().Be(ThreadId.Unthreaded);
    }

    [Test]
    public async Task Private_read_receipt_is_stored_under_its_own_type()
    {
        (await _server.PostAsync(Receipt(Room, "m.read.private", "$e1:example.org"))).ShouldBeOkEmpty();

        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.Type.Should().Be(ReceiptType.ReadPrivate);
    }

    [Test]
    public async Task R0_route_stores_like_v3()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org", version: "r0"))).ShouldBeOkEmpty();

        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.EventId.Value.Should().Be("$e1:example.org");
    }

    [Test]
    public async Task Missing_token_is_401_M_MISSING_TOKEN_and_stores_nothing()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), token: null)).ShouldBeError(HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Unknown_token_is_401_M_UNKNOWN_TOKEN()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), token: "nobody")).ShouldBeError(HttpStatusCode.Unauthorized, "M_UNKNOWN_TOKEN");
        _server.World.EventLookups.Should().Be(0);
    }

    [Test]
    public async Task Non_bearer_authorization_is_401_M_MISSING_TOKEN()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Receipt(Room, "m.read", "$e1:example.org"));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + AliceToken);
        using HttpResponseMessage response = await _server.Client.SendAsync(request);

        (await MatrixReply.FromAsync(response)).ShouldBeError(HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
    }

    [Test]
    public async Task Access_token_query_parameter_authenticates()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org") + "?access_token=" + AliceToken, token: null)).ShouldBeOkEmpty();

        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle();
    }

    [Test]
    public async Task Guest_is_403_M_GUEST_ACCESS_FORBIDDEN_and_stores_nothing()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), token: GuestToken))
            .ShouldBeError(HttpStatusCode.Forbidden, "M_GUEST_ACCESS_FORBIDDEN");
        (await _server.ReceiptsOfAsync(Guest)).Should().BeEmpty();
    }

    [TestCase("not-a-room", "$e1:example.org")]
    [TestCase("!room:bad_server!", "$e1:example.org")]
    [TestCase(Room, "not-an-event")]
    [TestCase(Room, "$e1:bad server")]
    public async Task Malformed_room_or_event_id_is_400_M_INVALID_PARAM(string room, string eventId)
    {
        (await _server.PostAsync(Receipt(room, "m.read", eventId))).ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
        _server.World.EventLookups.Should().Be(0);
    }

    [TestCase("org.matrix.msc2285.read.private")]
    [TestCase("M.READ")]
    [TestCase("m.unknown")]
    public async Task Unknown_receipt_type_is_400_M_INVALID_PARAM(string type)
    {
        (await _server.PostAsync(Receipt(Room, type, "$e1:example.org"))).ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Body_over_the_limit_is_413_M_TOO_LARGE()
    {
        string body = "{\"pad\":\"" + new string('x', 64 * 1024) + "\"}";

        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body)).ShouldBeError(HttpStatusCode.RequestEntityTooLarge, "M_TOO_LARGE");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Body_exactly_at_the_limit_is_accepted()
    {
        string prefix = "{\"pad\":\"";
        string body = prefix + new string('x', (64 * 1024) - prefix.Length - 2) + "\"}";
        body.Length.Should().Be(64 * 1024);

        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body)).ShouldBeOkEmpty();
    }

    [Test]
    public async Task Oversized_body_without_token_is_still_401_first()
    {
        string body = "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}";

        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body, token: null)).ShouldBeError(HttpStatusCode.Unauthorized, "M_MISSING_TOKEN");
    }

    [TestCase("{")]
    [TestCase("{\"a\":NaN}")]
    [TestCase("{\"thread_id\":\"main\",\"thread_id\":\"main\"}")]
    [TestCase("not json")]
    public async Task Invalid_json_is_400_M_NOT_JSON(string body)
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body)).ShouldBeError(HttpStatusCode.BadRequest, "M_NOT_JSON");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public async Task Json_that_is_not_an_object_is_400_M_BAD_JSON(string body)
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body)).ShouldBeError(HttpStatusCode.BadRequest, "M_BAD_JSON");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [TestCase("{\"thread_id\":null}")]
    [TestCase("{\"thread_id\":\"\"}")]
    [TestCase("{\"thread_id\":1}")]
    [TestCase("{\"thread_id\":[]}")]
    public async Task Thread_id_that_is_not_a_non_empty_string_is_400_M_INVALID_PARAM(string body)
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body)).ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Thread_id_with_fully_read_is_400_M_INVALID_PARAM()
    {
        (await _server.PostAsync(Receipt(Room, "m.fully_read", "$e1:example.org"), "{\"thread_id\":\"main\"}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.FullyReadOfAsync(Alice)).Should().BeNull();
    }

    [Test]
    public async Task Thread_id_that_is_neither_main_nor_an_event_id_is_400_M_INVALID_PARAM()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), "{\"thread_id\":\"thread\"}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Unknown_event_is_200_and_stores_nothing()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$purged:example.org"))).ShouldBeOkEmpty();
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Event_of_another_room_is_200_and_stores_nothing()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$elsewhere:example.org"))).ShouldBeOkEmpty();
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Fully_read_for_unknown_event_is_404_M_NOT_FOUND()
    {
        (await _server.PostAsync(Receipt(Room, "m.fully_read", "$purged:example.org"))).ShouldBeError(HttpStatusCode.NotFound, "M_NOT_FOUND");
        (await _server.FullyReadOfAsync(Alice)).Should().BeNull();
    }

    [Test]
    public async Task User_not_in_the_room_is_403_M_FORBIDDEN_and_stores_nothing()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), token: EveToken)).ShouldBeError(HttpStatusCode.Forbidden, "M_FORBIDDEN");
        (await _server.ReceiptsOfAsync(Eve)).Should().BeEmpty();
    }

    [Test]
    public async Task Outsider_gets_403_before_the_thread_check()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), "{\"thread_id\":\"$root:example.org\"}", token: EveToken))
            .ShouldBeError(HttpStatusCode.Forbidden, "M_FORBIDDEN");
    }

    [Test]
    public async Task Event_outside_the_thread_is_400_M_INVALID_PARAM()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), "{\"thread_id\":\"$root:example.org\"}"))
            .ShouldBeError(HttpStatusCode.BadRequest, "M_INVALID_PARAM");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Threaded_receipt_is_stored_with_its_thread()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$reply:example.org"), "{\"thread_id\":\"$root:example.org\"}")).ShouldBeOkEmpty();

        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle()
            .Which.Receipt.Thread.Should().Be(ThreadId.Thread(EventId.Parse("$root:example.org")));
    }

    [Test]
    public async Task Older_receipt_is_ignored_and_returns_200()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e3:example.org"))).ShouldBeOkEmpty();
        StoredReceipt before = (await _server.ReceiptsOfAsync(Alice)).Single();

        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"))).ShouldBeOkEmpty();

        StoredReceipt after = (await _server.ReceiptsOfAsync(Alice)).Single();
        after.Receipt.EventId.Value.Should().Be("$e3:example.org");
        after.Position.Should().Be(before.Position);
    }

    [Test]
    public async Task Fully_read_on_the_receipt_route_sets_the_read_marker()
    {
        (await _server.PostAsync(Receipt(Room, "m.fully_read", "$e2:example.org"))).ShouldBeOkEmpty();

        (await _server.FullyReadOfAsync(Alice))!.Marker.EventId.Value.Should().Be("$e2:example.org");
        (await _server.ReceiptsOfAsync(Alice)).Should().BeEmpty();
    }

    [Test]
    public async Task Empty_body_counts_as_empty_object()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), body: null)).ShouldBeOkEmpty();
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle();
    }

    [Test]
    public async Task Wrong_content_type_is_ignored()
    {
        (await _server.PostAsync(Receipt(Room, "m.read", "$e1:example.org"), "{}", contentType: "text/plain")).ShouldBeOkEmpty();
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle();
    }

    [Test]
    public async Task Chunked_body_is_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Receipt(Room, "m.read", "$reply:example.org"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AliceToken);
        request.Headers.TransferEncodingChunked = true;
        request.Content = new StreamContent(new MemoryStream("{\"thread_id\":\"$root:example.org\"}"u8.ToArray()));
        using HttpResponseMessage response = await _server.Client.SendAsync(request);

        (await MatrixReply.FromAsync(response)).ShouldBeOkEmpty();
        (await _server.ReceiptsOfAsync(Alice)).Should().ContainSingle().Which.Receipt.Thread.Should().Be(ThreadId.Thread(EventId.Parse("$root:example.org")));
    }
}
