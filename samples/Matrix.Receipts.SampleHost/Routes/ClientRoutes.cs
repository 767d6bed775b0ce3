using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Matrix.Receipts.SampleHost;

/// <summary><c>GET /_matrix/client/versions</c> and <c>GET /_matrix/client/v3/account/whoami</c>: what a client asks first.</summary>
internal static class ClientRoutes
{
    // Threaded read receipts and private receipts arrived in v1.4; the sample serves the routes of v1.4 and later.
    private static readonly string[] Versions = ["v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11", "v1.12"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_matrix/client/versions", GetVersionsAsync);
        endpoints.MapGet("/_matrix/client/v3/account/whoami", GetWhoAmIAsync);
    }

    private static Task GetVersionsAsync(HttpContext context) =>
        HttpJson.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("versions"u8);
            foreach (string version in Versions)
            {
                writer.WriteStringValue(version);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("unstable_features"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static async Task GetWhoAmIAsync(HttpContext context)
    {
        (AuthenticatedUser? user, MatrixError? error) = await context.AuthenticateMatrixUserAsync(allowGuests: true);
        if (user is null)
        {
            await HttpJson.WriteErrorAsync(context, error!);
            return;
        }

        await HttpJson.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("user_id"u8, user.UserId.Value);
            writer.WriteBoolean("is_guest"u8, user.IsGuest);
            writer.WriteEndObject();
        });
    }
}
