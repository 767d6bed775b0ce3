using Matrix.Receipts.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Matrix.Receipts.Tests.Sync;

/// <summary>The read side fed by the real write-side services, wired by <c>AddMatrixReceipts</c>.</summary>
[TestFixture]
public sealed class ReadSideThroughServicesTests
{
    private const string Room = "!room:hs.test";
    private static readonly UserId Alice = UserId.Parse("@alice:hs.test");
    private static readonly UserId Bob = UserId.Parse("@bob:hs.test");
    private static readonly RoomId RoomId = RoomId.Parse(Room);

#pragma warning disable NUnit1032 // Disposed in TearDown.
    private ServiceProvider _provider = null!;
#pragma warning restore NUnit1032
    private TestWorld _world = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _world = new TestWorld().AddRoom(Room, Alice.Value, Bob.Value);
        _world.AddEvent(Room, "$e1");
        _world.AddEvent(Room, "$e2");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<IHomeserverRooms>(_world);
        services.AddSingleton<TimeProvider>(_time);
        services.AddMatrixReceipts();
        _provider = services.BuildServiceProvider();
    }

    [TearDown]
    public void TearDown() => _provider.Dispose();

    [Test]
    public async Task Receipt_applied_by_the_service_wakes_the_waiting_sync_and_appears_once()
    {
        ReceiptService receipts = _provider.GetRequiredService<ReceiptService>();
        ReceiptSyncBuilder sync = _provider.GetRequiredService<ReceiptSyncBuilder>();
        ReceiptSync initial = await sync.BuildAsync(Alice, [RoomId], null);
        Task<bool> wait = sync.WaitForChangeAsync([RoomId], initial.NextBatch, TimeSpan.FromSeconds(30)).AsTask();

        (await receipts.ApplyAsync(new ReceiptCommand(Bob, RoomId, ReceiptType.Read, EventId.Parse("$e2"), ThreadId.Unthreaded))).Should().BeNull();

        (await wait.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
        ReceiptSync next = await sync.BuildAsync(Alice, [RoomId], initial.NextBatch);
        ReceiptEventContent content = next.Rooms[RoomId].Receipts!;
        content.Events[EventId.Parse("$e2")][ReceiptType.Read][Bob].Should().Be(
            new ReceiptData(_time.GetUtcNow().ToUnixTimeMilliseconds(), ThreadId.Unthreaded));
        (await sync.BuildAsync(Alice, [RoomId], next.NextBatch)).Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Fully_read_marker_set_through_the_receipt_route_reaches_its_owner_sync_only()
    {
        ReceiptService receipts = _provider.GetRequiredService<ReceiptService>();
        ReceiptSyncBuilder sync = _provider.GetRequiredService<ReceiptSyncBuilder>();
        ReceiptSync aliceBefore = await sync.BuildAsync(Alice, [RoomId], null);

        (await receipts.ApplyAsync(new ReceiptCommand(Alice, RoomId, ReceiptType.FullyRead, EventId.Parse("$e1"), ThreadId.Unthreaded))).Should().BeNull();

        ReceiptSync alice = await sync.BuildAsync(Alice, [RoomId], aliceBefore.NextBatch);
        ReceiptSync bob = await sync.BuildAsync(Bob, [RoomId], aliceBefore.NextBatch);
        alice.Rooms[RoomId].Should().Be(new RoomReceiptSync(null, EventId.Parse("$e1")));
        bob.Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Observer_registered_by_the_host_is_told_when_the_service_stores_a_receipt()
    {
        var observer = new ReadPoints.RecordingObserver();
        var services = new ServiceCollection();
        services.AddSingleton<IHomeserverRooms>(_world);
        services.AddSingleton<IReceiptObserver>(observer);
        services.AddMatrixReceipts();
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ReceiptService>()
            .ApplyAsync(new ReceiptCommand(Alice, RoomId, ReceiptType.ReadPrivate, EventId.Parse("$e2"), ThreadId.Unthreaded));

        observer.Told.Should().ContainSingle().Which.Should().Be(
            new ReadPointAdvanced(RoomId, Alice, ThreadId.Unthreaded, new ReadPoint(EventId.Parse("$e2"), 2)));
        (await provider.GetRequiredService<ReadPointService>().GetReadPointAsync(RoomId, Alice, ThreadId.Main))
            .Should().Be(new ReadPoint(EventId.Parse("$e2"), 2));
    }
}
