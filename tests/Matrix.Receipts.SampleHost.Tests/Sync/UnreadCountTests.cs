using System.Net;
using System.Text.Json.Nodes;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>
/// Unread counts of alice in the demo lobby: $welcome (bob), $release (bob), $release-reply-1 (carol, thread $release),
/// $release-reply-2 (bob, thread $release, mentions alice), $lunch (carol).
/// </summary>
[TestFixture]
public sealed class UnreadCountTests : HostTestBase
{
    private async Task<JsonNode> LobbyAsync(bool threaded) =>
        (await Host.Alice.SyncAsync(threaded: threaded)).Body!["rooms"]!["join"]![MatrixClient.Lobby]!;

    private static (int Notifications, int Highlights) Counts(JsonNode? counts) =>
        (counts!["notification_count"]!.GetValue<int>(), counts["highlight_count"]!.GetValue<int>());

    private async Task ReceiptAsync(string type, string eventId, string? thread = null)
    {
        MatrixReply reply = thread is null
            ? await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, type, eventId)
            : await Host.Alice.PostThreadReceiptAsync(MatrixClient.Lobby, type, eventId, thread);
        reply.Status.Should().Be(HttpStatusCode.OK, reply.RawBody);
    }

    [Test]
    public async Task Without_receipts_every_event_from_others_is_unread_and_mentions_are_highlights()
    {
        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((5, 1));
        JsonNode threaded = await LobbyAsync(threaded: true);
        Counts(threaded["unread_notifications"]).Should().Be((3, 0));
        Counts(threaded["unread_thread_notifications"]!["$release"]).Should().Be((2, 1));
    }

    [Test]
    public async Task Own_events_are_never_unread()
    {
        await Host.Alice.SendMessageAsync(MatrixClient.Lobby, "my own message @alice:example.org");

        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((5, 1));
    }

    [Test]
    public async Task Unthreaded_receipt_clears_the_main_timeline_and_threads_up_to_its_event()
    {
        await ReceiptAsync("m.read", "$release-reply-1");

        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((2, 1));
        JsonNode threaded = await LobbyAsync(threaded: true);
        Counts(threaded["unread_notifications"]).Should().Be((1, 0), "$lunch is the only main event after the receipt");
        Counts(threaded["unread_thread_notifications"]!["$release"]).Should().Be((1, 1), "$release-reply-2 is after the receipt");
    }

    [Test]
    public async Task Main_receipt_clears_the_main_timeline_but_not_the_thread()
    {
        await ReceiptAsync("m.read", "$lunch", thread: "main");

        JsonNode threaded = await LobbyAsync(threaded: true);
        Counts(threaded["unread_notifications"]).Should().Be((0, 0));
        Counts(threaded["unread_thread_notifications"]!["$release"]).Should().Be((2, 1));
        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((0, 0), "without thread counts the main read point covers the room");
    }

    [Test]
    public async Task Thread_root_receipt_clears_only_that_thread()
    {
        await ReceiptAsync("m.read", "$release-reply-2", thread: "$release");

        JsonNode threaded = await LobbyAsync(threaded: true);
        Counts(threaded["unread_thread_notifications"]!["$release"]).Should().Be((0, 0));
        Counts(threaded["unread_notifications"]).Should().Be((3, 0));
        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((5, 1), "a thread receipt does not move the room read point");
    }

    [Test]
    public async Task New_thread_reply_after_a_thread_receipt_is_unread_again()
    {
        await ReceiptAsync("m.read", "$release-reply-2", thread: "$release");

        await Host.Bob.SendMessageAsync(MatrixClient.Lobby, "one more thing, @alice:example.org", threadRoot: "$release");

        Counts((await LobbyAsync(threaded: true))["unread_thread_notifications"]!["$release"]).Should().Be((1, 1));
    }

    [Test]
    public async Task Private_receipt_clears_the_counts()
    {
        await ReceiptAsync("m.read.private", "$lunch");

        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((0, 0));
        JsonNode threaded = await LobbyAsync(threaded: true);
        Counts(threaded["unread_notifications"]).Should().Be((0, 0));
        Counts(threaded["unread_thread_notifications"]!["$release"]).Should().Be((0, 0));
    }

    [Test]
    public async Task A_lagging_public_receipt_does_not_rewind_the_counts()
    {
        await ReceiptAsync("m.read.private", "$lunch");

        await ReceiptAsync("m.read", "$welcome");

        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((0, 0));
    }

    [Test]
    public async Task Fully_read_marker_does_not_change_the_counts()
    {
        await ReceiptAsync("m.fully_read", "$lunch");

        Counts((await LobbyAsync(threaded: false))["unread_notifications"]).Should().Be((5, 1));
    }
}
