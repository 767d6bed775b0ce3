using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Sqlite.Tests.Crash;

/// <summary>
/// A 200 from the receipt route means the receipt is on disk: the sample host (SQLite store) is killed with SIGKILL
/// under concurrent receipt load several times, and after each restart every acknowledged receipt is still there
/// and sync positions never go backward.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleHostCrashTests
{
    private const int Users = 16;
    private const int Events = 2_000;
    private const int Kills = 4;
    private const int AcksBeforeKill = 150;
    private const string RoomId = "!crash:example.org";

    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "matrix-receipts-crash-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Acknowledged_receipts_survive_sigkill_and_sync_positions_keep_increasing(CancellationToken cancellationToken)
    {
        string fixture = WriteFixture();
        string data = Path.Combine(_folder, "data");
        var acked = new int[Users];
        Array.Fill(acked, -1);
        long lastPosition = 0;
        int totalAcks = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        for (int round = 0; round <= Kills; round++)
        {
            using SampleHostProcess host = await SampleHostProcess.StartAsync(fixture, data);

            // After a restart: every receipt that got a 200 before the kill is there (at it or past it: later
            // writes that were in flight at the kill may have landed too), and the stream did not go back.
            (long position, int[] stored) = await SyncAsync(http, host.Url, cancellationToken);
            for (int user = 0; user < Users; user++)
            {
                stored[user].Should().BeGreaterThanOrEqualTo(acked[user], $"user {user}'s acknowledged receipt at $e{acked[user]} must survive kill {round}");
                acked[user] = Math.Max(acked[user], stored[user]);
            }

            position.Should().BeGreaterThanOrEqualTo(lastPosition, "sync positions never go backward across a crash");
            if (round > 0)
            {
                position.Should().BeGreaterThan(0);
            }

            lastPosition = position;
            if (round == Kills)
            {
                break;
            }

            // Concurrent load, then SIGKILL while it is still running.
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            int roundAcks = 0;
            Task[] writers = Enumerable.Range(0, Users).Select(user => Task.Run(async () =>
            {
                for (int next = acked[user] + 1; next < Events && !stopLoad.IsCancellationRequested; next++)
                {
                    if (!await PostReceiptAsync(http, host.Url, user, next, stopLoad.Token))
                    {
                        return;
                    }

                    Volatile.Write(ref acked[user], next);
                    Interlocked.Increment(ref roundAcks);
                }
            })).ToArray();

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref roundAcks) < AcksBeforeKill && waited.Elapsed < TimeSpan.FromSeconds(60) && !writers.All(w => w.IsCompleted))
            {
                await Task.Delay(20, cancellationToken);
            }

            (long beforeKill, _) = await SyncAsync(http, host.Url, cancellationToken);
            beforeKill.Should().BeGreaterThan(lastPosition, "receipts were written in this round");
            lastPosition = beforeKill;

            host.KillHard();
            await stopLoad.CancelAsync();
            await Task.WhenAll(writers);
            Volatile.Read(ref roundAcks).Should().BeGreaterThanOrEqualTo(AcksBeforeKill);
            totalAcks += roundAcks;
        }

        totalAcks.Should().BeGreaterThanOrEqualTo(Kills * AcksBeforeKill);
    }

    // True on 200; false when the host is gone (killed) or the load is stopping. Anything else fails the test.
    private static async Task<bool> PostReceiptAsync(HttpClient http, Uri host, int user, int eventIndex, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            new Uri(host, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(RoomId)}/receipt/m.read/{Uri.EscapeDataString(EventId(eventIndex))}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(user));
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    // The receipts part of next_batch ("r{position}_w{world}") and each user's m.read event index (-1 if none).
    private static async Task<(long Position, int[] Stored)> SyncAsync(HttpClient http, Uri host, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, "/_matrix/client/v3/sync"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(0));
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        using var document = JsonDocument.Parse(body);
        string nextBatch = document.RootElement.GetProperty("next_batch").GetString()!;
        long position = long.Parse(nextBatch.AsSpan(1, nextBatch.IndexOf("_w", StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture);

        int[] stored = Enumerable.Repeat(-1, Users).ToArray();
        JsonElement room = document.RootElement.GetProperty("rooms").GetProperty("join").GetProperty(RoomId);
        foreach (JsonElement ephemeral in room.GetProperty("ephemeral").GetProperty("events").EnumerateArray())
        {
            ephemeral.GetProperty("type").GetString().Should().Be("m.receipt");
            foreach (JsonProperty onEvent in ephemeral.GetProperty("content").EnumerateObject())
            {
                int eventIndex = int.Parse(onEvent.Name.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
                foreach (JsonProperty reader in onEvent.Value.GetProperty("m.read").EnumerateObject())
                {
                    int user = int.Parse(reader.Name.AsSpan(2, reader.Name.IndexOf(':', StringComparison.Ordinal) - 2), System.Globalization.CultureInfo.InvariantCulture);
                    stored[user].Should().Be(-1, "one m.read receipt per user in the unthreaded view");
                    stored[user] = eventIndex;
                }
            }
        }

        return (position, stored);
    }

    private static string Token(int user) => $"token_{user}";

    private static string EventId(int index) => $"$e{index}";

    private string WriteFixture()
    {
        // Our own world: many users and events, so every round can move every user's receipt forward.
        string path = Path.Combine(_folder, "fixture.json");
        using FileStream file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString("serverName", "example.org");
        json.WriteStartArray("users");
        for (int u = 0; u < Users; u++)
        {
            json.WriteStartObject();
            json.WriteString("userId", $"@u{u}:example.org");
            json.WriteString("accessToken", Token(u));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rooms");
        json.WriteStartObject();
        json.WriteString("roomId", RoomId);
        json.WriteStartArray("members");
        for (int u = 0; u < Users; u++)
        {
            json.WriteStringValue($"@u{u}:example.org");
        }

        json.WriteEndArray();
        json.WriteStartArray("events");
        for (int e = 0; e < Events; e++)
        {
            json.WriteStartObject();
            json.WriteString("eventId", EventId(e));
            json.WriteString("sender", "@u0:example.org");
            json.WriteString("body", "hello");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        return path;
    }
}
