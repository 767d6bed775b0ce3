using BenchmarkDotNet.Attributes;

namespace Matrix.Receipts.Benchmarks;

/// <summary>
/// An incremental sync for a user in 1,000 rooms when nothing changed since their token: the per-room change index
/// against asking the store about every room (one batched query, and one query per room as a SQL store would).
/// </summary>
[MemoryDiagnoser]
public class IdleIncrementalSyncBenchmarks
{
    private readonly UserId _user = UserId.Parse("@alice:bench.test");
    private InMemoryReceiptStore _store = null!;
    private ReceiptSyncBuilder _sync = null!;
    private RoomId[] _rooms = [];
    private StreamPosition _since;

    [Params(1000)]
    public int Rooms { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _store = new InMemoryReceiptStore();
        var tracker = new RoomChangeTracker(_store);
        var listener = new ReadSideWriteListener(tracker, _store, [], new ReadSideMetrics());
        _sync = new ReceiptSyncBuilder(_store, _store, tracker, TimeProvider.System);
        _rooms = [.. Enumerable.Range(0, Rooms).Select(i => RoomId.Parse($"!room{i}:bench.test"))];

        UserId bob = UserId.Parse("@bob:bench.test");
        long ordering = 0;
        foreach (RoomId room in _rooms)
        {
            for (int e = 0; e < 3; e++)
            {
                ordering++;
                var receipt = new Receipt(room, bob, ReceiptType.Read, EventId.Parse($"$e{ordering}"), ThreadId.Unthreaded, ordering);
                StoreWriteResult result = await _store.TryAdvanceAsync(new ReceiptWrite(receipt, ordering));
                await listener.OnReceiptStoredAsync(new StoredReceipt(receipt, ordering, result.Position), CancellationToken.None);
            }
        }

        ReceiptSync initial = await _sync.BuildAsync(_user, _rooms, null);
        _since = initial.NextBatch;
    }

    /// <summary>The naive way: read the position, then ask the store about every joined room in one batched call.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Store_query_over_every_room()
    {
        StreamPosition upTo = await _store.GetCurrentPositionAsync();
        IReadOnlyList<StoredReceipt> rows = await _store.GetReceiptsAsync(_rooms, _since, upTo);
        IReadOnlyList<StoredReadMarker> markers = await _store.GetChangesAsync(_user, _since, upTo);
        return rows.Count + markers.Count;
    }

    /// <summary>The naive way as a SQL-backed host often writes it: one store query per joined room.</summary>
    [Benchmark]
    public async Task<int> Store_query_per_room()
    {
        StreamPosition upTo = await _store.GetCurrentPositionAsync();
        int count = 0;
        foreach (RoomId room in _rooms)
        {
            count += (await _store.GetReceiptsAsync([room], _since, upTo)).Count;
        }

        return count + (await _store.GetChangesAsync(_user, _since, upTo)).Count;
    }

    /// <summary>The sync builder with the per-room change index: no store query for any room.</summary>
    [Benchmark]
    public async Task<int> Sync_builder_with_change_index()
    {
        ReceiptSync sync = await _sync.BuildAsync(_user, _rooms, _since);
        return sync.Rooms.Count;
    }
}
