using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.SampleHost;

/// <summary>
/// <c>GET</c>/<c>PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}</c>. <c>m.fully_read</c> is read
/// from the read-marker store and may only be moved through <c>/read_markers</c> or the receipt route (spec: "Fully read markers").
/// </summary>
internal static class AccountDataRoutes
{
    private const string Route = "/_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, GetAsync);
        endpoints.MapPut(Route, PutAsync);
    }

    private static async Task GetAsync(HttpContext context)
    {
        IReadMarkerStore readMarkers = context.RequestServices.GetRequiredService<IReadMarkerStore>();
        RoomAccountData accountData = context.RequestServices.GetRequiredService<RoomAccountData>();
        (UserId userId, RoomId roomId, string type)? target = await ResolveAsync(context);
        if (target is not (UserId userId, RoomId roomId, string type))
        {
            return;
        }

        if (type == ReceiptType.FullyRead.Value)
        {
            StoredReadMarker? marker = await readMarkers.GetAsync(roomId, userId, context.RequestAborted);
            if (marker is null)
            {
                await HttpJson.WriteErrorAsync(context, MatrixError.NotFound("Room account data not found"));
                return;
            }

            await HttpJson.WriteAsync(context, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("event_id"u8, marker.Marker.EventId.Value);
                writer.WriteEndObject();
            });
            return;
        }

        byte[]? content = accountData.Get(userId, roomId, type);
        if (content is null)
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.NotFound("Room account data not found"));
            return;
        }

        await context.Response.WriteMatrixResponseAsync(new MatrixResponse(StatusCodes.Status200OK, content), context.RequestAborted);
    }

    private static async Task PutAsync(HttpContext context)
    {
        RoomAccountData accountData = context.RequestServices.GetRequiredService<RoomAccountData>();
        (UserId userId, RoomId roomId, string type)? target = await ResolveAsync(context);
        if (target is not (UserId userId, RoomId roomId, string type))
        {
            return;
        }

        // Synapse's answer: the marker has its own rules (forward only, event must exist), so a raw write is refused.
        if (type == ReceiptType.FullyRead.Value)
        {
            await HttpJson.WriteErrorAsync(
                context,
                new MatrixError(StatusCodes.Status405MethodNotAllowed, MatrixErrorCode.BadJson, "Cannot set m.fully_read through this API; use /read_markers"));
            return;
        }

        (JsonDocument? document, MatrixError? error) = await HttpJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return;
        }

        using (document)
        {
            accountData.Set(userId, roomId, type, System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
        }

        await context.Response.WriteMatrixResponseAsync(MatrixResponse.Ok, context.RequestAborted);
    }

    // Authenticates and checks the path; on failure the error is already written and null is returned.
    private static async Task<(UserId, RoomId, string)?> ResolveAsync(HttpContext context)
    {
        (AuthenticatedUser? user, MatrixError? error) = await context.AuthenticateMatrixUserAsync(allowGuests: true);
        if (user is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return null;
        }

        if (!UserId.TryParse(HttpJson.RouteValue(context, "userId"), out UserId userId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("Invalid user ID"));
            return null;
        }

        if (userId != user.UserId)
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.Forbidden("Cannot access account data for other users."));
            return null;
        }

        if (!RoomId.TryParse(HttpJson.RouteValue(context, "roomId"), out RoomId roomId))
        {
            await HttpJson.WriteErrorAsync(context, MatrixError.InvalidParam("Invalid room ID"));
            return null;
        }

        string type = HttpJson.RouteValue(context, "type");
        return (userId, roomId, type);
    }
}
