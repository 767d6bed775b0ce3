using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>With the sqlite store the world (sent events, joins, leaves) survives a restart through world.jsonl.</summary>
[TestFixture]
public sealed class WorldJournalTests
{
    private string _dataDir = null!;

    private string JournalPath => Path.Combine(_dataDir, "world.jsonl");

    [SetUp]
    public void CreateDataDir() => Directory.CreateDirectory(_dataDir = Path.Combine(Path.GetTempPath(), "sample-host-" + Guid.NewGuid().ToString("N"), "data"));

    [TearDown]
    public void DeleteDataDir()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be closing; the temp folder is cleaned by the OS.
        }
    }

    private Task<RunningHost> StartSqliteAsync(params string[] extra) => RunningHost.StartAsync(["--store", "sqlite", "--data-dir", _dataDir, .. extra]);

    private static (int Notifications, int Highlights) LobbyCounts(MatrixReply sync)
    {
        JsonNode counts = sync.Body!["rooms"]!["join"]![MatrixClient.Lobby]!["unread_notifications"]!;
        return (counts["notification_count"]!.GetValue<int>(), counts["highlight_count"]!.GetValue<int>());
    }

    private static async Task<string> SendAsync(MatrixClient client, string txnId, JsonObject content)
    {
        MatrixReply reply = await client.SendEventAsync(MatrixClient.Lobby, txnId, content.ToJsonString());
        reply.Status.Should().Be(HttpStatusCode.OK, reply.RawBody);
        return reply.Body!["event_id"]!.GetValue<string>();
    }

    [Test]
    public async Task After_a_restart_events_keep_their_orderings_so_a_receipt_on_a_newer_event_advances_and_unread_counts_are_right()
    {
        string first;
        string reply;
        await using (RunningHost before = await StartSqliteAsync())
        {
            first = await SendAsync(before.Alice, "t1", new JsonObject { ["msgtype"] = "m.text", ["body"] = "first" });
            reply = await SendAsync(before.Alice, "t2", new JsonObject
            {
                ["msgtype"] = "m.text",
                ["body"] = "a reply for @bob:example.org",
                ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.thread", ["event_id"] = first },
            });
            (await before.Carol.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Lobby)}/leave")).Status.Should().Be(HttpStatusCode.OK);
            (await before.Bob.PostAsync($"/_matrix/client/v3/rooms/{MatrixClient.E(MatrixClient.Garden)}/join")).Status.Should().Be(HttpStatusCode.OK);
            (await before.Bob.PostReceiptAsync(MatrixClient.Lobby, "m.read", reply)).Status.Should().Be(HttpStatusCode.OK);
            LobbyCounts(await before.Bob.SyncAsync()).Should().Be((0, 0));
        }

        File.ReadAllLines(JournalPath).Should().HaveCount(4, "two sends, a leave and a join");

        await using RunningHost after = await StartSqliteAsync();

        // Event IDs, relations and transaction IDs are as before the restart.
        (await after.Alice.SendEventAsync(MatrixClient.Lobby, "t1", """{"body":"retried"}""")).Body!["event_id"]!.GetValue<string>()
            .Should().Be(first, "a retried transaction returns the event of the first send, even across a restart");
        (await after.Bob.PostThreadReceiptAsync(MatrixClient.Lobby, "m.read", reply, first)).Status.Should().Be(HttpStatusCode.OK, "the thread reply is still in thread " + first);
        LobbyCounts(await after.Bob.SyncAsync()).Should().Be((0, 0), "bob read up to the reply before the restart");

        // Memberships are as before the restart.
        (await after.Carol.SendEventAsync(MatrixClient.Lobby, "c1", """{"body":"hi"}""")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await after.Bob.SyncAsync()).Body!["rooms"]!["join"]![MatrixClient.Garden].Should().NotBeNull("bob joined the garden before the restart");

        // A new event gets an ordering above every event of the last run, so reading it moves bob's read point.
        string newer = await SendAsync(after.Alice, "t3", new JsonObject { ["msgtype"] = "m.text", ["body"] = "newer, @bob:example.org" });
        MatrixReply unread = await after.Bob.SyncAsync();
        LobbyCounts(unread).Should().Be((1, 1));
        string since = unread.Body!["next_batch"]!.GetValue<string>();

        (await after.Bob.PostReceiptAsync(MatrixClient.Lobby, "m.read", newer)).Status.Should().Be(HttpStatusCode.OK);

        MatrixReply delta = await after.Bob.SyncAsync(since, timeoutMs: 10_000);
        delta.Status.Should().Be(HttpStatusCode.OK);
        JsonNode? lobby = delta.Body!["rooms"]?["join"]?[MatrixClient.Lobby];
        lobby.Should().NotBeNull(delta.RawBody);
        lobby!["ephemeral"]!["events"]![0]!["content"]![newer]!["m.read"]!["@bob:example.org"].Should().NotBeNull(delta.RawBody);
        LobbyCounts(await after.Bob.SyncAsync()).Should().Be((0, 0));
    }

    [Test]
    public async Task A_line_cut_by_a_crash_is_dropped_and_the_journal_stays_usable()
    {
        string sent;
        await using (RunningHost before = await StartSqliteAsync())
        {
            sent = await before.Alice.SendMessageAsync(MatrixClient.Lobby, "kept");
        }

        await File.AppendAllTextAsync(JournalPath, """{"kind":"send","roomId":"!lob""");

        string later;
        await using (RunningHost middle = await StartSqliteAsync())
        {
            (await middle.Bob.PostReceiptAsync(MatrixClient.Lobby, "m.read", sent)).Status.Should().Be(HttpStatusCode.OK);
            later = await SendAsync(middle.Alice, "after-crash", new JsonObject { ["msgtype"] = "m.text", ["body"] = "after the crash" });
        }

        later.Should().NotBe(sent);
        File.ReadAllLines(JournalPath).Should().HaveCount(2, "the cut line was cut off before the next line was appended");
        await using RunningHost after = await StartSqliteAsync();
        (await after.Bob.PostReceiptAsync(MatrixClient.Lobby, "m.read", later)).Status.Should().Be(HttpStatusCode.OK);
        LobbyCounts(await after.Bob.SyncAsync()).Should().Be((0, 0));
    }

    [Test]
    public async Task A_journal_written_with_another_fixture_stops_the_host_naming_the_line()
    {
        await using (RunningHost before = await StartSqliteAsync())
        {
            await before.Alice.SendMessageAsync(MatrixClient.Lobby, "on the demo world");
        }

        string fixture = Path.Combine(Path.GetDirectoryName(_dataDir)!, "world.json");
        await File.WriteAllTextAsync(fixture, """
            {"serverName": "example.org", "users": [{"userId": "@alice:example.org", "accessToken": "alice_token"}],
             "rooms": [{"roomId": "!lobby:example.org", "members": ["@alice:example.org"]}]}
            """);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        (WebApplication? app, int exitCode) = await SampleHostApp.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--store", "sqlite", "--data-dir", _dataDir, "--fixture", fixture], output, errors, CancellationToken.None);
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        app.Should().BeNull();
        exitCode.Should().Be(SampleHostApp.StartExitCode);
        errors.ToString().Should().StartWith($"error: cannot replay the world journal '{JournalPath}' line 1: ").And.Contain("replays as 1");
    }

    [Test]
    public async Task Memory_store_keeps_no_journal()
    {
        await using RunningHost host = await RunningHost.StartAsync("--store", "memory");
        await host.Alice.SendMessageAsync(MatrixClient.Lobby, "not kept");

        host.Output.Should().Contain("store: memory");
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "data", "world.jsonl")).Should().BeFalse();
    }
}
