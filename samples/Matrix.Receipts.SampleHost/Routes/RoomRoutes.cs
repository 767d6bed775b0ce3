using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.SampleHost;

/// <summary>Sending events and joining and leaving rooms: enough of a homeserver to drive receipts end to end.</summary>
internal static class RoomRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}", SendAsync);
        endpoints.MapPost("/_matrix/client/v3/rooms/{roomId}/join", JoinAsync);
        endpoints.MapPost("/_matrix/client/v3/rooms/{roomId}/leave", LeaveAsync);
    }

    private static async Task SendAsync(HttpContext context)
    {
        SampleWorld world = context.RequestServices.GetRequiredService<SampleWorld>();
        (AuthenticatedUser? user, MatrixError? error) = await context.AuthenticateMatrixUserAsync(allowGuests: true);
        if (user is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return;
        }

        if (!RoomId.TryParse(HttpJson.RouteValue(context, "roomId"), out RoomId roomId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("Invalid room ID"));
            return;
        }

        string txnId = HttpJson.RouteValue(context, "txnId");
        (JsonDocument? document, MatrixError? bodyError) = await HttpJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await HttpJson.WriteErrorAsync(context, bodyError!);
            return;
        }

        EventRelation? relation;
        string? body;
        using (document)
        {
            JsonElement content = document.RootElement;
            body = content.TryGetProperty("body", out JsonElement bodyElement) && bodyElement.ValueKind == JsonValueKind.String
                ? bodyElement.GetString()
                : null;
            (relation, error) = ReadRelation(content);
        }

        if (error is not null)
        {
            await HttpJson.WriteErrorAsync(context, error);
            return;
        }

        (SendStatus status, EventId eventId) = world.Send(roomId, user.UserId, txnId, relation, body);
        switch (status)
        {
            case SendStatus.NotJoined:
                await HttpJson.WriteErrorAsync(context, MatrixError.Forbidden($"User {user.UserId} is not in room {roomId}"));
                return;
            case SendStatus.UnknownRelatedEvent:
                await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam($"m.relates_to.event_id {relation!.ParentEventId} is not an event of room {roomId}"));
                return;
            default:
                await HttpJson.WriteAsync(context, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("event_id"u8, eventId.Value);
                    writer.WriteEndObject();
                });
                return;
        }
    }

    // content.m.relates_to is {rel_type, event_id}; an m.relates_to without both is a malformed relation.
    private static (EventRelation? Relation, MatrixError? Error) ReadRelation(JsonElement content)
    {
        if (!content.TryGetProperty("m.relates_to", out JsonElement relatesTo) || relatesTo.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (relatesTo.ValueKind != JsonValueKind.Object
            || !relatesTo.TryGetProperty("rel_type", out JsonElement relType) || relType.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(relType.GetString())
            || !relatesTo.TryGetProperty("event_id", out JsonElement parent) || parent.ValueKind != JsonValueKind.String)
        {
            return (null, MatrixError.BadJson("m.relates_to must be an object with string rel_type and event_id"));
        }

        return EventId.TryParse(parent.GetString(), out EventId parentId)
            ? (new EventRelation(relType.GetString()!, parentId), null)
            : (null, MatrixError.InvalidParam("m.relates_to.event_id is not a valid event ID"));
    }

    private static async Task JoinAsync(HttpContext context)
    {
        SampleWorld world = context.RequestServices.GetRequiredService<SampleWorld>();
        (AuthenticatedUser? user, RoomId roomId) = await AuthenticateForRoomAsync(context);
        if (user is null)
        {
            return;
        }

        if (!world.Join(roomId, user.UserId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.NotFound($"Unknown room {roomId}"));
            return;
        }

        await HttpJson.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("room_id"u8, roomId.Value);
            writer.WriteEndObject();
        });
    }

    private static async Task LeaveAsync(HttpContext context)
    {
        SampleWorld world = context.RequestServices.GetRequiredService<SampleWorld>();
        (AuthenticatedUser? user, RoomId roomId) = await AuthenticateForRoomAsync(context);
        if (user is null)
        {
            return;
        }

        if (!world.Leave(roomId, user.UserId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.Forbidden($"User {user.UserId} is not in room {roomId}"));
            return;
        }

        await context.Response.WriteMatrixResponseAsync(MatrixResponse.Ok, context.RequestAborted);
    }

    // Authenticates and parses {roomId}; on failure the error is already written and the user is null.
    private static async Task<(AuthenticatedUser? User, RoomId RoomId)> AuthenticateForRoomAsync(HttpContext context)
    {
        (AuthenticatedUser? user, MatrixError? error) = await context.AuthenticateMatrixUserAsync(allowGuests: true);
        if (user is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return (null, default);
        }

        if (!RoomId.TryParse(HttpJson.RouteValue(context, "roomId"), out RoomId roomId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("Invalid room ID"));
            return (null, default);
        }

        return (user, roomId);
    }
}
