using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Matrix.Receipts.SampleHost.Tests;

[TestFixture]
public sealed class SyncRouteTests : HostTestBase
{
    // Generous: the machine running the tests may be busy.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static JsonObject Join(MatrixReply sync) => sync.Body!["rooms"]!["join"]!.AsObject();

    private static JsonObject Leave(MatrixReply sync) => sync.Body!["rooms"]!["leave"]!.AsObject();

    private static string NextBatch(MatrixReply sync) => sync.Body!["next_batch"]!.GetValue<string>();

    [Test]
    public async Task Initial_sync_lists_every_joined_room_with_its_parts()
    {
        MatrixReply sync = await Host.Alice.SyncAsync();

        sync.Status.Should().Be(HttpStatusCode.OK);
        NextBatch(sync).Should().NotBeNullOrEmpty();
        Join(sync).Select(p => p.Key).Should().BeEquivalentTo([MatrixClient.Lobby, MatrixClient.Garden]);
        JsonNode lobby = Join(sync)[MatrixClient.Lobby]!;
        lobby["ephemeral"]!["events"]!.AsArray().Should().BeEmpty("nobody has sent a receipt yet");
        lobby["account_data"]!["events"]!.AsArray().Should().BeEmpty();
        lobby["unread_notifications"]!["notification_count"]!.GetValue<int>().Should().Be(5);
        lobby["unread_thread_notifications"].Should().BeNull("the filter did not ask for thread counts");
        Leave(sync).Should().BeEmpty();
    }

    [Test]
    public async Task Rooms_the_user_is_not_in_are_not_shown()
    {
        MatrixReply sync = await Host.Bob.SyncAsync();

        Join(sync).Select(p => p.Key).Should().Equal(MatrixClient.Lobby);
    }

    [Test]
    public async Task Sync_without_a_token_is_401()
    {
        MatrixReply sync = await Host.Anonymous.SyncAsync();

        sync.Status.Should().Be(HttpStatusCode.Unauthorized);
        sync.ErrorCode.Should().Be("M_MISSING_TOKEN");
    }

    [TestCase("since=garbage")]
    [TestCase("timeout=soon")]
    [TestCase("filter=%7Bnot%20json")]
    public async Task Malformed_query_parameters_are_400_M_INVALID_PARAM(string query)
    {
        MatrixReply sync = await Host.Alice.GetAsync("/_matrix/client/v3/sync?" + query);

        sync.Status.Should().Be(HttpStatusCode.BadRequest);
        sync.ErrorCode.Should().Be("M_INVALID_PARAM");
    }

    [Test]
    public async Task Long_poll_wakes_when_a_receipt_lands_in_one_of_the_users_rooms()
    {
        string since = NextBatch(await Host.Bob.SyncAsync());
        Task<MatrixReply> waiting = Host.Bob.SyncAsync(since, timeoutMs: 60_000);
        await Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse("nothing has happened yet");

        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");

        MatrixReply woken = await waiting.WaitAsync(WaitLimit);
        Join(woken)[MatrixClient.Lobby]!["ephemeral"]!["events"]![0]!["content"]!["$lunch"]!["m.read"]!["@alice:example.org"].Should().NotBeNull();
        NextBatch(woken).Should().NotBe(since);
    }

    [Test]
    public async Task Long_poll_wakes_when_an_event_is_sent_to_one_of_the_users_rooms()
    {
        string since = NextBatch(await Host.Alice.SyncAsync());
        Task<MatrixReply> waiting = Host.Alice.SyncAsync(since, timeoutMs: 60_000);
        await Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse();

        await Host.Carol.SendMessageAsync(MatrixClient.Garden, "watering now");

        MatrixReply woken = await waiting.WaitAsync(WaitLimit);
        Join(woken).Select(p => p.Key).Should().Equal(MatrixClient.Garden);
        Join(woken)[MatrixClient.Garden]!["unread_notifications"]!["notification_count"]!.GetValue<int>().Should().Be(2);
    }

    [Test]
    public async Task Long_poll_is_not_woken_by_a_private_receipt_of_another_user()
    {
        string since = NextBatch(await Host.Bob.SyncAsync());
        Task<MatrixReply> waiting = Host.Bob.SyncAsync(since, timeoutMs: 1_500);

        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read.private", "$lunch");

        MatrixReply answer = await waiting.WaitAsync(WaitLimit);
        Join(answer).Should().BeEmpty("bob may not see alice's private receipt");
    }

    [Test]
    public async Task Long_poll_times_out_with_an_empty_answer()
    {
        string since = NextBatch(await Host.Bob.SyncAsync());
        var clock = Stopwatch.StartNew();

        MatrixReply answer = await Host.Bob.SyncAsync(since, timeoutMs: 500);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450), "the sync waited for its timeout");
        answer.Status.Should().Be(HttpStatusCode.OK);
        Join(answer).Should().BeEmpty();
        Leave(answer).Should().BeEmpty();
        NextBatch(answer).Should().Be(since);
    }

    [Test]
    public async Task A_left_room_goes_under_leave_without_receipts_and_leaves_join()
    {
        string since = NextBatch(await Host.Carol.SyncAsync());
        await Host.Carol.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/leave");
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");

        MatrixReply incremental = await Host.Carol.SyncAsync(since);

        Leave(incremental).Select(p => p.Key).Should().Equal(MatrixClient.Lobby);
        Leave(incremental)[MatrixClient.Lobby]!.AsObject().Should().BeEmpty();
        Join(incremental).ContainsKey(MatrixClient.Lobby).Should().BeFalse();
        MatrixReply initial = await Host.Carol.SyncAsync();
        Join(initial).ContainsKey(MatrixClient.Lobby).Should().BeFalse();
    }

    [Test]
    public async Task Long_poll_wakes_when_the_user_leaves_a_room()
    {
        string since = NextBatch(await Host.Carol.SyncAsync());
        Task<MatrixReply> waiting = Host.Carol.SyncAsync(since, timeoutMs: 60_000);
        await Task.Delay(300);

        await Host.Carol.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Garden)}/leave");

        MatrixReply woken = await waiting.WaitAsync(WaitLimit);
        Leave(woken).Select(p => p.Key).Should().Equal(MatrixClient.Garden);
    }

    [Test]
    public async Task A_room_joined_since_the_token_arrives_with_its_whole_receipt_state()
    {
        await Host.Alice.PostReceiptAsync(MatrixClient.Garden, "m.read", "$seeds");
        string since = NextBatch(await Host.Bob.SyncAsync());

        await Host.Bob.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Garden)}/join");
        MatrixReply incremental = await Host.Bob.SyncAsync(since);

        Join(incremental)[MatrixClient.Garden]!["ephemeral"]!["events"]![0]!["content"]!["$seeds"]!["m.read"]!["@alice:example.org"]
            .Should().NotBeNull("the receipt is older than the token, but the room is new to bob");
    }
}
