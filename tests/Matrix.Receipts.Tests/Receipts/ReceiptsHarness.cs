using System.Text;
using System.Text.Json;
using Matrix.Receipts.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Matrix.Receipts.Tests;

/// <summary>
/// The write side wired through <c>AddMatrixReceipts</c> over a <see cref="TestWorld"/> and a fake clock: one room with
/// Alice joined, Bob not joined, a guest, and three main-timeline events.
/// </summary>
internal sealed class ReceiptsHarness : IDisposable
{
    public const string Room = "!room:example.org";
    public const string Alice = "@alice:example.org";
    public const string AliceToken = "alice-token";
    public const string Bob = "@bob:example.org";
    public const string BobToken = "bob-token";
    public const string GuestToken = "guest-token";

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public ReceiptsHarness(Action<MatrixReceiptsOptions>? configure = null)
    {
        World = new TestWorld()
            .AddUser(Alice, AliceToken)
            .AddUser(Bob, BobToken)
            .AddUser("@guest:example.org", GuestToken, guest: true)
            .AddRoom(Room, Alice);
        E1 = World.AddEvent(Room, "$e1");
        E2 = World.AddEvent(Room, "$e2");
        E3 = World.AddEvent(Room, "$e3");

        var services = new ServiceCollection();
        services.AddSingleton<IHomeserverRooms>(World);
        services.AddSingleton<IAccessTokenValidator>(World);
        services.AddSingleton<TimeProvider>(Time);
        services.AddMatrixReceipts(configure);

        // After AddMatrixReceipts, so the read side's own listener stays registered next to this one.
        services.AddSingleton<IReceiptWriteListener>(Listener);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Endpoint = _provider.GetRequiredService<MatrixReceiptsEndpoint>();
        Receipts = _provider.GetRequiredService<IReceiptStore>();
        Markers = _provider.GetRequiredService<IReadMarkerStore>();
    }

    public TestWorld World { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingWriteListener Listener { get; } = new();

    public MatrixReceiptsEndpoint Endpoint { get; }

    public IReceiptStore Receipts { get; }

    public IReadMarkerStore Markers { get; }

    public RoomEvent E1 { get; }

    public RoomEvent E2 { get; }

    public RoomEvent E3 { get; }

    public IServiceProvider Services => _provider;

    public static RoomId RoomId => RoomId.Parse(Room);

    public static UserId AliceId => UserId.Parse(Alice);

    public Task<MatrixResponse> PostReceiptAsync(string type, string eventId, string body = "", string room = Room, string? token = AliceToken) =>
        Endpoint.PostReceiptAsync(token, room, type, eventId, Encoding.UTF8.GetBytes(body)).AsTask();

    public Task<MatrixResponse> PostReceiptAsync(string type, string eventId, byte[] body) =>
        Endpoint.PostReceiptAsync(AliceToken, Room, type, eventId, body).AsTask();

    public Task<MatrixResponse> PostReadMarkersAsync(string body, string room = Room, string? token = AliceToken) =>
        Endpoint.PostReadMarkersAsync(token, room, Encoding.UTF8.GetBytes(body)).AsTask();

    public async Task<IReadOnlyList<StoredReceipt>> ReceiptsOfAsync(string user = Alice) =>
        await Receipts.GetUserReceiptsAsync(RoomId, UserId.Parse(user));

    public async Task<StoredReceipt?> ReceiptAsync(ReceiptType type, ThreadId thread, string user = Alice) =>
        (await ReceiptsOfAsync(user)).SingleOrDefault(r => r.Receipt.Type == type && r.Receipt.Thread == thread);

    public async Task<StoredReadMarker?> FullyReadAsync(string user = Alice) =>
        await Markers.GetAsync(RoomId, UserId.Parse(user));

    /// <summary>Asserts that no receipt or marker was stored and no stream position handed out.</summary>
    public async Task ShouldHaveStoredNothingAsync()
    {
        (await Receipts.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
        (await ReceiptsOfAsync()).Should().BeEmpty();
        (await FullyReadAsync()).Should().BeNull();
        Listener.Receipts.Should().BeEmpty();
        Listener.Markers.Should().BeEmpty();
    }

    public void Dispose() => _provider.Dispose();
}
