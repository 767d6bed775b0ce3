using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.Benchmarks;

/// <summary>
/// The same idle incremental sync (1,000 joined rooms, none changed, other rooms did) over a real SQLite file, wired by
/// <c>AddMatrixReceipts().UseSqliteStore(...)</c>: the change index against one batched store query over every room.
/// </summary>
[MemoryDiagnoser]
public class IdleIncrementalSyncSqliteBenchmarks
{
    private readonly UserId _user = UserId.Parse("@alice:bench.test");
    private string _folder = string.Empty;
    private ServiceProvider _provider = null!;
    private IReceiptStore _store = null!;
    private IReadMarkerStore _markers = null!;
    private ReceiptSyncBuilder _sync = null!;
    private RoomId[] _rooms = [];
    private StreamPosition _since;

    [Params(1000)]
    public int Rooms { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "matrix-receipts-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddMatrixReceipts().UseSqliteStore(Path.Combine(_folder, "receipts.db"));
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<IReceiptStore>();
        _markers = _provider.GetRequiredService<IReadMarkerStore>();
        _sync = _provider.GetRequiredService<ReceiptSyncBuilder>();
        IReceiptWriteListener[] listeners = [.. _provider.GetServices<IReceiptWriteListener>()];
        _rooms = [.. Enumerable.Range(0, Rooms).Select(i => RoomId.Parse($"!room{i}:bench.test"))];

        UserId bob = UserId.Parse("@bob:bench.test");
        long ordering = 0;
        async Task WriteAsync(RoomId room)
        {
            ordering++;
            var receipt = new Receipt(room, bob, ReceiptType.Read, EventId.Parse($"$e{ordering}"), ThreadId.Unthreaded, ordering);
            StoreWriteResult result = await _store.TryAdvanceAsync(new ReceiptWrite(receipt, ordering));
            foreach (IReceiptWriteListener listener in listeners)
            {
                await listener.OnReceiptStoredAsync(new StoredReceipt(receipt, ordering, result.Position), CancellationToken.None);
            }
        }

        foreach (RoomId room in _rooms)
        {
            await WriteAsync(room);
        }

        ReceiptSync initial = await _sync.BuildAsync(_user, _rooms, null);
        _since = initial.NextBatch;
        for (int i = 0; i < 10; i++)
        {
            await WriteAsync(RoomId.Parse($"!elsewhere{i}:bench.test"));
        }
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _provider.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The naive way: read the position, then ask SQLite about every joined room in one batched query.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Store_query_over_every_room()
    {
        StreamPosition upTo = await _store.GetCurrentPositionAsync();
        IReadOnlyList<StoredReceipt> rows = await _store.GetReceiptsAsync(_rooms, _since, upTo);
        IReadOnlyList<StoredReadMarker> markers = await _markers.GetChangesAsync(_user, _since, upTo);
        return rows.Count + markers.Count;
    }

    /// <summary>The sync builder with the per-room change index: one position read, no query for any room.</summary>
    [Benchmark]
    public async Task<int> Sync_builder_with_change_index()
    {
        ReceiptSync sync = await _sync.BuildAsync(_user, _rooms, _since);
        return sync.Rooms.Count;
    }
}
