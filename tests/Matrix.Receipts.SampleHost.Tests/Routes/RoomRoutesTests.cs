using System.Net;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class RoomRoutesTests : HostTestBase
{
    [Test]
    public async Task Send_appends_an_event_a_receipt_can_then_point_at()
    {
        MatrixReply reply = await Host.Bob.SendEventAsync(MatrixClient.Lobby, "t1", """{"msgtype": "m.text", "body": "hello"}""");

        reply.Status.Should().Be(HttpStatusCode.OK);
        string eventId = reply.Body!["event_id"]!.GetValue<string>();
        eventId.Should().StartWith("$");
        (await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", eventId)).Status.Should().Be(HttpStatusCode.OK);
        MatrixReply sync = await Host.Bob.SyncAsync();
        sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["ephemeral"]!["events"]![0]!["content"]![eventId].Should().NotBeNull();
    }

    [Test]
    public async Task Send_with_the_same_transaction_id_returns_the_same_event_and_appends_nothing()
    {
        MatrixReply first = await Host.Bob.SendEventAsync(MatrixClient.Lobby, "retry", """{"body": "once"}""");
        MatrixReply again = await Host.Bob.SendEventAsync(MatrixClient.Lobby, "retry", """{"body": "once"}""");
        MatrixReply other = await Host.Carol.SendEventAsync(MatrixClient.Lobby, "retry", """{"body": "carol's"}""");

        again.Body!["event_id"]!.GetValue<string>().Should().Be(first.Body!["event_id"]!.GetValue<string>());
        other.Body!["event_id"]!.GetValue<string>().Should().NotBe(first.Body["event_id"]!.GetValue<string>(), "transactions are per user");
        MatrixReply sync = await Host.Alice.SyncAsync();
        sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["unread_notifications"]!["notification_count"]!.GetValue<int>()
            .Should().Be(5 + 2, "the demo lobby has five unread events for alice, and the retry added none");
    }

    [Test]
    public async Task Send_by_a_user_not_in_the_room_is_403_M_FORBIDDEN()
    {
        MatrixReply reply = await Host.Bob.SendEventAsync(MatrixClient.Garden, "t1", """{"body": "let me in"}""");

        reply.Status.Should().Be(HttpStatusCode.Forbidden);
        reply.ErrorCode.Should().Be("M_FORBIDDEN");
    }

    [Test]
    public async Task Send_honours_a_thread_relation()
    {
        string reply = await Host.Bob.SendMessageAsync(MatrixClient.Lobby, "in the thread", threadRoot: "$lunch");

        (await Host.Alice.PostThreadReceiptAsync(MatrixClient.Lobby, "m.read", reply, "$lunch")).Status.Should().Be(HttpStatusCode.OK);
        MatrixReply wrongThread = await Host.Alice.PostThreadReceiptAsync(MatrixClient.Lobby, "m.read", reply, "main");
        wrongThread.Status.Should().Be(HttpStatusCode.BadRequest, "a thread reply is not in the main timeline");
        wrongThread.ErrorCode.Should().Be("M_INVALID_PARAM");
    }

    [Test]
    public async Task Send_relating_to_an_event_not_in_the_room_is_400_M_INVALID_PARAM()
    {
        MatrixReply reply = await Host.Carol.SendEventAsync(
            MatrixClient.Garden,
            "t1",
            """{"body": "x", "m.relates_to": {"rel_type": "m.thread", "event_id": "$lunch"}}""");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.ErrorCode.Should().Be("M_INVALID_PARAM");
    }

    [TestCase("not json", "M_NOT_JSON")]
    [TestCase("[1]", "M_BAD_JSON")]
    [TestCase("""{"m.relates_to": {"rel_type": "m.thread"}}""", "M_BAD_JSON")]
    public async Task Send_with_a_malformed_body_is_400(string body, string errcode)
    {
        MatrixReply reply = await Host.Bob.SendEventAsync(MatrixClient.Lobby, "t1", body);

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.ErrorCode.Should().Be(errcode);
    }

    [Test]
    public async Task Send_without_a_token_is_401()
    {
        MatrixReply reply = await Host.Anonymous.SendEventAsync(MatrixClient.Lobby, "t1", "{}");

        reply.Status.Should().Be(HttpStatusCode.Unauthorized);
        reply.ErrorCode.Should().Be("M_MISSING_TOKEN");
    }

    [Test]
    public async Task Join_returns_the_room_and_lets_the_user_send_receipts_there()
    {
        (await Host.Bob.PostReceiptAsync(MatrixClient.Garden, "m.read", "$seeds")).Status.Should().Be(HttpStatusCode.Forbidden);

        MatrixReply join = await Host.Bob.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Garden)}/join");

        join.Status.Should().Be(HttpStatusCode.OK);
        join.Body!["room_id"]!.GetValue<string>().Should().Be(MatrixClient.Garden);
        (await Host.Bob.PostReceiptAsync(MatrixClient.Garden, "m.read", "$seeds")).Status.Should().Be(HttpStatusCode.OK);
        MatrixReply sync = await Host.Bob.SyncAsync();
        sync.Body!["rooms"]!["join"]![MatrixClient.Garden].Should().NotBeNull();
    }

    [Test]
    public async Task Join_of_an_unknown_room_is_404_M_NOT_FOUND()
    {
        MatrixReply reply = await Host.Bob.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E("!nowhere:example.org")}/join");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.ErrorCode.Should().Be("M_NOT_FOUND");
    }

    [Test]
    public async Task Join_with_a_malformed_room_id_is_400_M_INVALID_PARAM()
    {
        MatrixReply reply = await Host.Bob.PostAsync("/_matrix/client/v3/rooms/lobby/join");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.ErrorCode.Should().Be("M_INVALID_PARAM");
    }

    [Test]
    public async Task Leave_returns_an_empty_object_and_then_receipts_there_are_403()
    {
        MatrixReply leave = await Host.Carol.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/leave");

        leave.Status.Should().Be(HttpStatusCode.OK);
        leave.RawBody.Should().Be("{}");
        MatrixReply receipt = await Host.Carol.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");
        receipt.Status.Should().Be(HttpStatusCode.Forbidden);
        receipt.ErrorCode.Should().Be("M_FORBIDDEN");
    }

    [Test]
    public async Task Leave_of_a_room_the_user_is_not_in_is_403_M_FORBIDDEN()
    {
        MatrixReply reply = await Host.Bob.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Garden)}/leave");

        reply.Status.Should().Be(HttpStatusCode.Forbidden);
        reply.ErrorCode.Should().Be("M_FORBIDDEN");
    }
}
