using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>
/// Two sample-host processes on one PostgreSQL database, as two instances of one homeserver behind a load balancer:
/// receipts posted to either show up in the other's /sync, a long-polling /sync on one wakes on a write to the
/// other, and none of over a thousand receipts is lost.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TwoSampleHostsAcceptanceTests
{
    private const string Room = "!acceptance:example.org";
    private const string Watcher = "@watcher:example.org";
    private const string WatcherToken = "watcher_token";
    private const int Writers = 20;
    private const int EventsPerWriter = 50;

    // Far below the long-poll timeout, far above a normal wake-up (milliseconds): only a real wake-up passes.
    private static readonly TimeSpan WakePatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    private PostgreSqlTestDatabase _database = null!;
    private string _fixturePath = string.Empty;
    private SampleHostProcess _hostA = null!;
    private SampleHostProcess _hostB = null!;

    [OneTimeSetUp]
    public async Task StartHosts()
    {
        _database = await PostgreSqlTestDatabase.CreateAsync();
        _fixturePath = Path.Combine(Path.GetTempPath(), $"matrix-receipts-acceptance-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_fixturePath, Fixture());
        string[] args = ["--store", "postgres", "--connection", _database.ConnectionString, "--fixture", _fixturePath];
        Task<SampleHostProcess> a = SampleHostProcess.StartAsync(args);
        Task<SampleHostProcess> b = SampleHostProcess.StartAsync(args);
        _hostA = await a;
        _hostB = await b;
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        if (_hostA is not null)
        {
            await _hostA.DisposeAsync();
        }

        if (_hostB is not null)
        {
            await _hostB.DisposeAsync();
        }

        File.Delete(_fixturePath);
        await _database.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Long_polling_sync_on_one_host_wakes_when_a_receipt_lands_on_the_other()
    {
        await SyncAsync(_hostA, since: null, timeoutMs: 0); // both hosts warm, so the timing below is the wake-up
        string since = (await SyncAsync(_hostB, since: null, timeoutMs: 0)).NextBatch;
        Task<SyncReply> waiting = SyncAsync(_hostB, since, timeoutMs: 30_000);
        await Task.Delay(500); // let the request reach its wait; an earlier write would only make it return sooner

        Stopwatch elapsed = Stopwatch.StartNew();
        (await PostReceiptAsync(_hostA, Writer(0), "$e1")).Should().Be(HttpStatusCode.OK);
        TimeSpan posted = elapsed.Elapsed;
        SyncReply woke = await waiting.WaitAsync(WakePatience);
        TestContext.Out.WriteLine(
            $"POST to A answered after {posted.TotalMilliseconds:F0} ms; the long-poll on B returned {elapsed.Elapsed.TotalMilliseconds:F0} ms after the POST started");

        woke.Receipts.Should().Contain((Writer(0), "$e1"));
    }

    [Test, Order(2)]
    public async Task Over_a_thousand_receipts_spread_over_both_hosts_all_reach_both_hosts_syncs()
    {
        using CancellationTokenSource deadline = new(RunDeadline);
        string sinceA = (await SyncAsync(_hostA, since: null, timeoutMs: 0)).NextBatch;
        string sinceB = (await SyncAsync(_hostB, since: null, timeoutMs: 0)).NextBatch;
        long positionBefore = await _database.ScalarAsync<long>("SELECT last_position FROM matrix_receipts.stream");
        using CancellationTokenSource writersDone = new();
        Task<Dictionary<string, List<int>>> watchA = WatchAsync(_hostA, sinceA, writersDone.Token, deadline.Token);
        Task<Dictionary<string, List<int>>> watchB = WatchAsync(_hostB, sinceB, writersDone.Token, deadline.Token);

        // Each writer moves its receipt through e2..e51 in order, alternating hosts; the writers run in parallel.
        ConcurrentBag<HttpStatusCode> statuses = [];
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int e = 2; e <= EventsPerWriter + 1; e++)
            {
                SampleHostProcess host = (w + e) % 2 == 0 ? _hostA : _hostB;
                statuses.Add(await PostReceiptAsync(host, Writer(w), $"$e{e}", deadline.Token));
            }
        })));
        await writersDone.CancelAsync();
        Dictionary<string, List<int>> seenOnA = await watchA;
        Dictionary<string, List<int>> seenOnB = await watchB;

        statuses.Should().HaveCount(Writers * EventsPerWriter).And.OnlyContain(s => s == HttpStatusCode.OK);
        long positionAfter = await _database.ScalarAsync<long>("SELECT last_position FROM matrix_receipts.stream");
        (positionAfter - positionBefore).Should().Be(Writers * EventsPerWriter, "every receipt moved its key forward exactly once");
        foreach (Dictionary<string, List<int>> seen in new[] { seenOnA, seenOnB })
        {
            seen.Keys.Should().BeEquivalentTo(Enumerable.Range(0, Writers).Select(Writer));
            seen.Values.Should().OnlyContain(events => events.Last() == EventsPerWriter + 1, "the last receipt of every writer reaches each host's sync");
            seen.Values.Should().OnlyContain(events => events.SequenceEqual(events.Order().Distinct()), "a sync never goes backwards");
        }

        SyncReply initialA = await SyncAsync(_hostA, since: null, timeoutMs: 0);
        SyncReply initialB = await SyncAsync(_hostB, since: null, timeoutMs: 0);
        string[] expected = [.. Enumerable.Range(0, Writers).Select(w => $"{Writer(w)} $e{EventsPerWriter + 1}")];
        initialA.Receipts.Select(r => $"{r.User} {r.EventId}").Should().BeEquivalentTo(expected);
        initialB.Receipts.Select(r => $"{r.User} {r.EventId}").Should().BeEquivalentTo(expected);
    }

    /// <summary>Follows one host's incremental sync until the writers are done and a final sync has caught up.</summary>
    private static async Task<Dictionary<string, List<int>>> WatchAsync(SampleHostProcess host, string since, CancellationToken writersDone, CancellationToken deadline)
    {
        Dictionary<string, List<int>> seen = [];
        while (true)
        {
            bool finalRound = writersDone.IsCancellationRequested;
            SyncReply reply = await SyncAsync(host, since, timeoutMs: finalRound ? 0 : 1_000, deadline);
            since = reply.NextBatch;
            foreach ((string user, string eventId) in reply.Receipts)
            {
                if (!seen.TryGetValue(user, out List<int>? events))
                {
                    seen[user] = events = [];
                }

                events.Add(int.Parse(eventId.AsSpan(2), CultureInfo.InvariantCulture));
            }

            if (finalRound)
            {
                return seen;
            }
        }
    }

    private static async Task<HttpStatusCode> PostReceiptAsync(SampleHostProcess host, string user, string eventId, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = new(
            HttpMethod.Post,
            $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(Room)}/receipt/m.read/{Uri.EscapeDataString(eventId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(user));
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await host.Http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private static async Task<SyncReply> SyncAsync(SampleHostProcess host, string? since, int timeoutMs, CancellationToken cancellationToken = default)
    {
        string query = since is null ? $"?timeout={timeoutMs}" : $"?since={Uri.EscapeDataString(since)}&timeout={timeoutMs}";
        using HttpRequestMessage request = new(HttpMethod.Get, "/_matrix/client/v3/sync" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WatcherToken);
        using HttpResponseMessage response = await host.Http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        List<(string User, string EventId)> receipts = [];
        if (root.GetProperty("rooms").GetProperty("join").TryGetProperty(Room, out JsonElement room))
        {
            foreach (JsonElement ephemeral in room.GetProperty("ephemeral").GetProperty("events").EnumerateArray())
            {
                ephemeral.GetProperty("type").GetString().Should().Be("m.receipt");
                foreach (JsonProperty eventEntry in ephemeral.GetProperty("content").EnumerateObject())
                {
                    if (eventEntry.Value.TryGetProperty("m.read", out JsonElement readers))
                    {
                        foreach (JsonProperty reader in readers.EnumerateObject())
                        {
                            receipts.Add((reader.Name, eventEntry.Name));
                        }
                    }
                }
            }
        }

        return new SyncReply(root.GetProperty("next_batch").GetString()!, receipts);
    }

    private static string Writer(int index) => $"@writer{index}:example.org";

    private static string TokenOf(string user) => user[1..user.IndexOf(':', StringComparison.Ordinal)] + "_token";

    private static string Fixture()
    {
        List<string> users = [Watcher, "@poster:example.org", .. Enumerable.Range(0, Writers).Select(Writer)];
        var document = new
        {
            serverName = "example.org",
            users = users.Select(u => new { userId = u, accessToken = TokenOf(u) }),
            rooms = new[]
            {
                new
                {
                    roomId = Room,
                    members = users,
                    events = Enumerable.Range(1, EventsPerWriter + 1).Select(e => new { eventId = $"$e{e}", sender = "@poster:example.org", body = $"message {e}" }),
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }

    private sealed record SyncReply(string NextBatch, List<(string User, string EventId)> Receipts);
}
