using BenchmarkDotNet.Attributes;
using Matrix.Receipts.Sqlite;

namespace Matrix.Receipts.StoreBenchmarks;

/// <summary>
/// Durable receipts per second on SQLite (WAL, <c>synchronous=FULL</c>) under <see cref="ConcurrentReceiptLoad.Writers"/>
/// concurrent writers: group commit against committing every receipt in its own transaction (the baseline).
/// Mean is per receipt; receipts per second = 1 s / Mean.
/// </summary>
[Config(typeof(StoreBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteReceiptWriteBenchmarks
{
    private readonly ConcurrentReceiptLoad _load = new();
    private string _folder = string.Empty;
    private SqliteReceiptStore? _store;

    [GlobalSetup(Target = nameof(OneTransactionPerReceipt))]
    public void SetUpOneTransactionPerReceipt() => Open(maxBatchSize: 1);

    [GlobalSetup(Target = nameof(GroupCommit))]
    public void SetUpGroupCommit() => Open(maxBatchSize: new SqliteReceiptStoreOptions().MaxBatchSize);

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentReceiptLoad.ReceiptsPerRun)]
    public Task OneTransactionPerReceipt() => _load.RunAsync(_store!);

    [Benchmark(OperationsPerInvoke = ConcurrentReceiptLoad.ReceiptsPerRun)]
    public Task GroupCommit() => _load.RunAsync(_store!);

    [GlobalCleanup]
    public void CleanUp()
    {
        _store?.Dispose();
        _store = null;
        Directory.Delete(_folder, recursive: true);
    }

    private void Open(int maxBatchSize)
    {
        _folder = Path.Combine(Path.GetTempPath(), "matrix-receipts-benchmarks", Guid.NewGuid().ToString("N"));
        _store = SqliteReceiptStore.Open(new SqliteReceiptStoreOptions
        {
            DatabasePath = Path.Combine(_folder, "receipts.db"),
            MaxBatchSize = maxBatchSize,
        });
    }
}
