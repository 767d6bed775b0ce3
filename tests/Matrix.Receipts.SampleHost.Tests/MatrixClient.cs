using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Matrix.Receipts.SampleHost.Tests;

/// <summary>A client of the sample host acting as one user, speaking the client-server API over real HTTP.</summary>
internal sealed class MatrixClient(HttpClient http, string? accessToken)
{
    public const string Lobby = "!lobby:example.org";
    public const string Garden = "!garden:example.org";

    private int _txn;

    public Task<MatrixReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<MatrixReply> PostAsync(string path, string? json = "{}") => SendAsync(HttpMethod.Post, path, json);

    public Task<MatrixReply> PutAsync(string path, string? json) => SendAsync(HttpMethod.Put, path, json);

    public Task<MatrixReply> PostReceiptAsync(string roomId, string receiptType, string eventId, string body = "{}") =>
        PostAsync($"/_matrix/client/v3/rooms/{E(roomId)}/receipt/{receiptType}/{E(eventId)}", body);

    public Task<MatrixReply> PostThreadReceiptAsync(string roomId, string receiptType, string eventId, string threadId) =>
        PostReceiptAsync(roomId, receiptType, eventId, new JsonObject { ["thread_id"] = threadId }.ToJsonString());

    /// <summary>Sends a message and returns its event ID (asserting success).</summary>
    public async Task<string> SendMessageAsync(string roomId, string body, string? threadRoot = null)
    {
        var content = new JsonObject { ["msgtype"] = "m.text", ["body"] = body };
        if (threadRoot is not null)
        {
            content["m.relates_to"] = new JsonObject { ["rel_type"] = "m.thread", ["event_id"] = threadRoot };
        }

        MatrixReply reply = await SendEventAsync(roomId, "txn" + Interlocked.Increment(ref _txn), content.ToJsonString());
        reply.Status.Should().Be(System.Net.HttpStatusCode.OK, reply.RawBody);
        return reply.Body!["event_id"]!.GetValue<string>();
    }

    public Task<MatrixReply> SendEventAsync(string roomId, string txnId, string json) =>
        PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/{E(txnId)}", json);

    public Task<MatrixReply> SyncAsync(string? since = null, int? timeoutMs = null, bool threaded = false, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (since is not null)
        {
            query.Add("since=" + E(since));
        }

        if (timeoutMs is not null)
        {
            query.Add("timeout=" + timeoutMs.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (threaded)
        {
            query.Add("filter=" + E("""{"room":{"timeline":{"unread_thread_notifications":true}}}"""));
        }

        string path = "/_matrix/client/v3/sync" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendAsync(HttpMethod.Get, path, null, cancellationToken);
    }

    public async Task<MatrixReply> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string raw = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        if (raw.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(raw);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }
        }

        return new MatrixReply(response.StatusCode, body, raw, response);
    }

    public static string E(string value) => Uri.EscapeDataString(value);
}
