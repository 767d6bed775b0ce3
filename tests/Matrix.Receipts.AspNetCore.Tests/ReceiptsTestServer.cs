using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Matrix.Receipts.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>
/// A homeserver-shaped host on real Kestrel (127.0.0.1, a free port) with the receipt routes, Matrix errors, a
/// <see cref="TestWorld"/> and the in-memory store.
/// </summary>
internal sealed class ReceiptsTestServer : IAsyncDisposable
{
    public const string Room = "!room:example.org";
    public const string OtherRoom = "!other:example.org";
    public const string Alice = "@alice:example.org";
    public const string Bob = "@bob:example.org";
    public const string Eve = "@eve:example.org";
    public const string Guest = "@guest:example.org";
    public const string AliceToken = "alice_token";
    public const string BobToken = "bob_token";
    public const string EveToken = "eve_token";
    public const string GuestToken = "guest_token";

    /// <summary>A room version 3+ event ID with both '/' and '+'.</summary>
    public const string SlashEvent = "$Rqnc/KgFR+zGQNr3mZiJv2+eXZ/4ggaqSz6hs4k+Ph8";

    private readonly WebApplication _app;

    private ReceiptsTestServer(WebApplication app, TestWorld world)
    {
        _app = app;
        World = world;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestWorld World { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public int Port => BaseAddress.Port;

    /// <summary>
    /// Starts a server. The world: alice and bob joined to <see cref="Room"/>, eve joined to <see cref="OtherRoom"/> only,
    /// a guest; events $e1, $e2, $e3 (in that order), a thread root $root with $reply in its thread, and
    /// <see cref="SlashEvent"/>.
    /// </summary>
    public static async Task<ReceiptsTestServer> StartAsync(
        Action<MatrixReceiptsOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? routes = null,
        bool useMatrixErrors = true)
    {
        var world = new TestWorld()
            .AddUser(Alice, AliceToken)
            .AddUser(Bob, BobToken)
            .AddUser(Eve, EveToken)
            .AddUser(Guest, GuestToken, guest: true)
            .AddRoom(Room, Alice, Bob, Guest)
            .AddRoom(OtherRoom, Eve);
        world.AddEvent(Room, "$e1:example.org", Bob);
        world.AddEvent(Room, "$e2:example.org", Bob);
        world.AddEvent(Room, "$e3:example.org", Bob);
        world.AddEvent(Room, "$root:example.org", Bob);
        world.AddEvent(Room, "$reply:example.org", Bob, "m.thread", "$root:example.org");
        world.AddEvent(Room, SlashEvent, Bob);
        world.AddEvent(OtherRoom, "$elsewhere:example.org", Eve);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHomeserverRooms>(world);
        builder.Services.AddSingleton<IAccessTokenValidator>(world);
        builder.Services.AddMatrixReceipts(configure);
        services?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        if (useMatrixErrors)
        {
            app.UseMatrixErrors();
        }

        app.MapMatrixReceipts();
        routes?.Invoke(app);
        await app.StartAsync().ConfigureAwait(false);
        return new ReceiptsTestServer(app, world);
    }

    public static string Receipt(string room, string type, string eventId, string version = "v3") =>
        $"/_matrix/client/{version}/rooms/{Uri.EscapeDataString(room)}/receipt/{Uri.EscapeDataString(type)}/{Uri.EscapeDataString(eventId)}";

    public static string ReadMarkers(string room, string version = "v3") =>
        $"/_matrix/client/{version}/rooms/{Uri.EscapeDataString(room)}/read_markers";

    public Task<MatrixReply> PostAsync(string path, string? body = "{}", string? token = AliceToken, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, body is null ? null : Encoding.UTF8.GetBytes(body), token, contentType);

    public async Task<MatrixReply> SendAsync(HttpMethod method, string path, byte[]? body, string? token = AliceToken, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await Client.SendAsync(request).ConfigureAwait(false);
        return await MatrixReply.FromAsync(response).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredReceipt>> ReceiptsOfAsync(string userId, string room = Room) =>
        Services.GetRequiredService<IReceiptStore>().GetUserReceiptsAsync(RoomId.Parse(room), UserId.Parse(userId)).AsTask();

    public async Task<StoredReadMarker?> FullyReadOfAsync(string userId, string room = Room) =>
        await Services.GetRequiredService<IReadMarkerStore>().GetAsync(RoomId.Parse(room), UserId.Parse(userId)).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
