using System.Net;
using System.Text.Json.Nodes;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>What a client sees over HTTP after posting each receipt type (the curl-level acceptance of the receipts issue).</summary>
[TestFixture]
public sealed class ReceiptAcceptanceTests : HostTestBase
{
    private static JsonNode? LobbyReceipts(MatrixReply sync) =>
        sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]?["ephemeral"]?["events"]?.AsArray().SingleOrDefault(e => e!["type"]!.GetValue<string>() == "m.receipt")?["content"];

    [TestCase("m.read")]
    [TestCase("m.read.private")]
    [TestCase("m.fully_read")]
    public async Task Each_receipt_type_answers_200_with_an_empty_object(string receiptType)
    {
        MatrixReply reply = await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, receiptType, "$release");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.RawBody.Should().Be("{}");
        reply.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Test]
    public async Task Another_users_sync_shows_m_read_but_never_the_private_receipt()
    {
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$welcome");
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read.private", "$release");
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.fully_read", "$lunch");

        MatrixReply bobSync = await Host.Bob.SyncAsync();

        JsonNode content = LobbyReceipts(bobSync)!;
        content["$welcome"]!["m.read"]!["@alice:example.org"]!["ts"]!.GetValue<long>().Should().BePositive();
        content["$release"].Should().BeNull();
        bobSync.RawBody.Should().NotContain("m.read.private").And.NotContain("m.fully_read");
    }

    [Test]
    public async Task The_owner_sees_their_private_receipt_and_their_fully_read_marker()
    {
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read.private", "$release");
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.fully_read", "$lunch");

        MatrixReply aliceSync = await Host.Alice.SyncAsync();

        LobbyReceipts(aliceSync)!["$release"]!["m.read.private"]!["@alice:example.org"].Should().NotBeNull();
        JsonArray accountData = aliceSync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["account_data"]!["events"]!.AsArray();
        accountData.Should().ContainSingle(e => e!["type"]!.GetValue<string>() == "m.fully_read");
        accountData.Single()!["content"]!["event_id"]!.GetValue<string>().Should().Be("$lunch");
        MatrixReply bobSync = await Host.Bob.SyncAsync();
        bobSync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["account_data"]!["events"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task A_threaded_receipt_carries_its_thread_id()
    {
        await Host.Alice.PostThreadReceiptAsync(MatrixClient.Lobby, "m.read", "$release-reply-2", "$release");

        MatrixReply bobSync = await Host.Bob.SyncAsync();

        LobbyReceipts(bobSync)!["$release-reply-2"]!["m.read"]!["@alice:example.org"]!["thread_id"]!.GetValue<string>().Should().Be("$release");
    }

    [Test]
    public async Task A_repeat_or_older_receipt_gives_no_new_delta()
    {
        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");
        string since = (await Host.Bob.SyncAsync()).Body!["next_batch"]!.GetValue<string>();

        MatrixReply repeat = await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");
        MatrixReply older = await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$welcome");
        MatrixReply incremental = await Host.Bob.SyncAsync(since, timeoutMs: 0);

        repeat.Status.Should().Be(HttpStatusCode.OK);
        older.Status.Should().Be(HttpStatusCode.OK);
        incremental.Body!["rooms"]!["join"]!.AsObject().Should().BeEmpty();
        incremental.Body["next_batch"]!.GetValue<string>().Should().Be(since);
    }

    [Test]
    public async Task A_newer_receipt_gives_exactly_that_delta()
    {
        string since = (await Host.Bob.SyncAsync()).Body!["next_batch"]!.GetValue<string>();

        await Host.Alice.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");
        MatrixReply incremental = await Host.Bob.SyncAsync(since, timeoutMs: 0);

        JsonObject content = LobbyReceipts(incremental)!.AsObject();
        content.Select(p => p.Key).Should().Equal("$lunch");
        incremental.Body!["rooms"]!["join"]!.AsObject().Select(p => p.Key).Should().Equal(MatrixClient.Lobby);
    }

    [Test]
    public async Task A_guest_cannot_send_receipts()
    {
        MatrixReply reply = await Host.Guest.PostReceiptAsync(MatrixClient.Lobby, "m.read", "$lunch");

        reply.Status.Should().Be(HttpStatusCode.Forbidden);
        reply.ErrorCode.Should().Be("M_GUEST_ACCESS_FORBIDDEN");
    }
}
