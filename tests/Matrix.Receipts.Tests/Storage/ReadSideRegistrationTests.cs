using Matrix.Receipts.Tests.ReadPoints;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.Tests.Storage;

[TestFixture]
public sealed class ReadSideRegistrationTests
{
    [Test]
    public void Both_store_interfaces_resolve_to_one_in_memory_store()
    {
        using ServiceProvider provider = new ServiceCollection().AddReceiptReadSide().BuildServiceProvider();

        InMemoryReceiptStore store = provider.GetRequiredService<InMemoryReceiptStore>();
        provider.GetRequiredService<IReceiptStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IReadMarkerStore>().Should().BeSameAs(store);
    }

    [Test]
    public void A_store_registered_first_is_kept()
    {
        var mine = new InMemoryReceiptStore();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<IReceiptStore>(mine)
            .AddReceiptReadSide()
            .BuildServiceProvider();

        provider.GetRequiredService<IReceiptStore>().Should().BeSameAs(mine);
    }

    [Test]
    public void Calling_it_twice_registers_each_service_once()
    {
        ServiceCollection services = [];
        services.AddReceiptReadSide().AddReceiptReadSide();

        services.Where(d => d.ServiceType == typeof(IReceiptStore)).Should().ContainSingle();
        services.Where(d => d.ServiceType == typeof(IReceiptWriteListener)).Should().ContainSingle();
    }

    [Test]
    public void Listener_joins_listeners_registered_before_it()
    {
        var other = new NoOpListener();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<IReceiptWriteListener>(other)
            .AddReceiptReadSide()
            .BuildServiceProvider();

        provider.GetServices<IReceiptWriteListener>().Should().HaveCount(2).And.Contain(other)
            .And.ContainSingle(l => l is ReadSideWriteListener);
    }

    [Test]
    public async Task Writes_through_the_registered_listener_wake_the_registered_sync_and_tell_observers()
    {
        var observer = new RecordingObserver();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<IReceiptObserver>(observer)
            .AddReceiptReadSide()
            .BuildServiceProvider();
        IReceiptStore store = provider.GetRequiredService<IReceiptStore>();
        IReceiptWriteListener listener = provider.GetRequiredService<IReceiptWriteListener>();
        ReceiptSyncBuilder sync = provider.GetRequiredService<ReceiptSyncBuilder>();
        provider.GetRequiredService<IReceiptChangeNotifier>().Should().BeOfType<RoomChangeTracker>();
        RoomId room = RoomId.Parse("!r:hs.test");
        ReceiptSync initial = await sync.BuildAsync(UserId.Parse("@alice:hs.test"), [room], null);
        Task<bool> wait = sync.WaitForChangeAsync([room], initial.NextBatch, TimeSpan.FromSeconds(30)).AsTask();

        var receipt = new Receipt(room, UserId.Parse("@bob:hs.test"), ReceiptType.Read, EventId.Parse("$e1"), ThreadId.Unthreaded, 1);
        StoreWriteResult result = await store.TryAdvanceAsync(new ReceiptWrite(receipt, 1));
        await listener.OnReceiptStoredAsync(new StoredReceipt(receipt, 1, result.Position), CancellationToken.None);

        (await wait.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
        observer.Told.Should().ContainSingle().Which.ReadPoint.Should().Be(new ReadPoint(EventId.Parse("$e1"), 1));
        ReceiptSync next = await sync.BuildAsync(UserId.Parse("@alice:hs.test"), [room], initial.NextBatch);
        next.Rooms.Should().ContainKey(room);
    }

    private sealed class NoOpListener : IReceiptWriteListener
    {
        public ValueTask OnReceiptStoredAsync(StoredReceipt receipt, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnReadMarkerStoredAsync(StoredReadMarker marker, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
