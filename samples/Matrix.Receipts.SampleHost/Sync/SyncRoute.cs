using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// A minimal <c>GET /_matrix/client/v3/sync</c>: per joined room the <c>m.receipt</c> ephemeral event, the
/// <c>m.fully_read</c> account data and unread counts; rooms left since the token under <c>rooms.leave</c>.
/// An incremental sync with <c>timeout</c> long-polls until a receipt lands in one of the user's rooms or the
/// world changes for them (a new event, a join, a leave).
/// </summary>
internal static class SyncRoute
{
    // Clients ask for 30 s; cap what a request may hold a connection for.
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/_matrix/client/v3/sync", SyncAsync);

    private static async Task SyncAsync(HttpContext context)
    {
        (AuthenticatedUser? user, MatrixError? error) = await context.AuthenticateMatrixUserAsync(allowGuests: true);
        if (user is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return;
        }

        IQueryCollection query = context.Request.Query;
        SyncToken? since = null;
        if (query.TryGetValue("since", out var sinceValue) && !string.IsNullOrEmpty(sinceValue))
        {
            if (!SyncToken.TryParse(sinceValue, out SyncToken parsed))
            {
                await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("Invalid since token"));
                return;
            }

            since = parsed;
        }

        TimeSpan timeout = TimeSpan.Zero;
        if (query.TryGetValue("timeout", out var timeoutValue) && !string.IsNullOrEmpty(timeoutValue))
        {
            if (!long.TryParse(timeoutValue, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
            {
                await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("timeout must be a whole number of milliseconds"));
                return;
            }

            timeout = ms > MaxTimeout.TotalMilliseconds ? MaxTimeout : TimeSpan.FromMilliseconds(ms);
        }

        bool? perThread = ReadThreadFlag(query["filter"]);
        if (perThread is null)
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("filter is not valid JSON"));
            return;
        }

        SyncComputer computer = context.RequestServices.GetRequiredService<SyncComputer>();
        SyncResult result = await computer.SyncAsync(user.UserId, since, perThread.Value, timeout, context.RequestAborted);
        await HttpJson.WriteAsync(context, writer => Write(writer, result, perThread.Value));
    }

    // An inline filter (it starts with '{') is read for room.timeline.unread_thread_notifications; the sample keeps no
    // stored filters, so a filter ID is ignored. Null means the inline filter is not JSON.
    private static bool? ReadThreadFlag(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || !filter.TrimStart().StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(filter, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("room", out JsonElement room) && room.ValueKind == JsonValueKind.Object
                && room.TryGetProperty("timeline", out JsonElement timeline) && timeline.ValueKind == JsonValueKind.Object
                && timeline.TryGetProperty("unread_thread_notifications", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter writer, SyncResult result, bool perThread)
    {
        writer.WriteStartObject();
        writer.WriteString("next_batch"u8, result.NextBatch.ToString());
        writer.WriteStartObject("rooms"u8);
        writer.WriteStartObject("join"u8);
        foreach ((RoomId room, RoomReceiptSync? receipts, RoomUnread unread) in result.Joined)
        {
            writer.WriteStartObject(room.Value);

            writer.WriteStartObject("ephemeral"u8);
            writer.WriteStartArray("events"u8);
            if (receipts?.Receipts is { IsEmpty: false } content)
            {
                content.WriteEventTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartObject("account_data"u8);
            writer.WriteStartArray("events"u8);
            if (receipts?.FullyRead is EventId fullyRead)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "m.fully_read"u8);
                writer.WriteStartObject("content"u8);
                writer.WriteString("event_id"u8, fullyRead.Value);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WritePropertyName("unread_notifications"u8);
            WriteCounts(writer, unread.Room);
            if (perThread)
            {
                writer.WriteStartObject("unread_thread_notifications"u8);
                foreach ((EventId root, UnreadCounts counts) in unread.Threads ?? new Dictionary<EventId, UnreadCounts>())
                {
                    writer.WritePropertyName(root.Value);
                    WriteCounts(writer, counts);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("leave"u8);
        foreach (RoomId room in result.Left)
        {
            writer.WriteStartObject(room.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, UnreadCounts counts)
    {
        writer.WriteStartObject();
        writer.WriteNumber("notification_count"u8, counts.Notifications);
        writer.WriteNumber("highlight_count"u8, counts.Highlights);
        writer.WriteEndObject();
    }
}
