using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Matrix.Receipts.Tests.Sync;

/// <summary>
/// The read side wired as the module wires it (real in-memory store, change index, write listener, sync builder),
/// with a fake clock. Writes go to the store and then, when applied, to the listener, as the write-side services do.
/// </summary>
internal sealed class ReadSide
{
    public ReadSide(IEnumerable<IReceiptObserver>? observers = null, ILogger<ReadSideWriteListener>? logger = null)
    {
        Memory = new InMemoryReceiptStore();
        Store = new CountingReceiptStore(Memory);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Tracker = new RoomChangeTracker(Store);
        Listener = new ReadSideWriteListener(Tracker, Store, observers ?? [], new ReadSideMetrics(), logger);
        Sync = new ReceiptSyncBuilder(Store, Store, Tracker, Time);
        ReadPoints = new ReadPointService(Store);
    }

    public InMemoryReceiptStore Memory { get; }

    public CountingReceiptStore Store { get; }

    public FakeTimeProvider Time { get; }

    public RoomChangeTracker Tracker { get; }

    public ReadSideWriteListener Listener { get; }

    public ReceiptSyncBuilder Sync { get; }

    public ReadPointService ReadPoints { get; }

    public static RoomId Room(string id) => RoomId.Parse(id);

    public static UserId User(string id) => UserId.Parse(id);

    public static EventId Event(string id) => EventId.Parse(id);

    /// <summary>Stores a receipt (the event's ordering given) and, when applied, tells the listener.</summary>
    public async Task<StoreWriteResult> ReceiptAsync(
        string room,
        string user,
        string eventId,
        long? ordering,
        ReceiptType? type = null,
        ThreadId thread = default,
        long timestamp = 1_700_000_000_000)
    {
        var receipt = new Receipt(Room(room), User(user), type ?? ReceiptType.Read, Event(eventId), thread, timestamp);
        StoreWriteResult result = await Store.TryAdvanceAsync(new ReceiptWrite(receipt, ordering));
        if (result.Changed)
        {
            await Listener.OnReceiptStoredAsync(new StoredReceipt(receipt, ordering, result.Position), CancellationToken.None);
        }

        return result;
    }

    /// <summary>Sets a fully-read marker and, when applied, tells the listener.</summary>
    public async Task<StoreWriteResult> MarkerAsync(string room, string user, string eventId, long ordering)
    {
        var marker = new ReadMarker(Room(room), User(user), Event(eventId), ordering);
        StoreWriteResult result = await Store.TrySetAsync(marker, ReadMarkerWriteMode.ForwardOnly);
        if (result.Changed)
        {
            await Listener.OnReadMarkerStoredAsync(new StoredReadMarker(marker, result.Position), CancellationToken.None);
        }

        return result;
    }

    public ValueTask<ReceiptSync> SyncAsync(string user, StreamPosition? since, params string[] joinedRooms) =>
        Sync.BuildAsync(User(user), [.. joinedRooms.Select(Room)], since);
}
