using BenchmarkDotNet.Attributes;
using Matrix.Receipts.PostgreSql;
using Npgsql;

namespace Matrix.Receipts.StoreBenchmarks;

/// <summary>
/// Durable receipts per second on PostgreSQL (<c>synchronous_commit=on</c>) under <see cref="ConcurrentReceiptLoad.Writers"/>
/// concurrent writers: group commit against committing every receipt in its own transaction (the baseline), same store
/// code otherwise. Runs on a throw-away database of the server in env <c>MATRIX_RECEIPTS_POSTGRES</c> (default: the
/// local test server from scripts/postgres.sh). Mean is per receipt; receipts per second = 1 s / Mean.
/// </summary>
[Config(typeof(StoreBenchmarkConfig))]
[MemoryDiagnoser]
// A commit waits for a WAL flush (milliseconds each on a shared disk), so the baseline's 2,048 serial commits take
// tens of seconds per iteration: fewer iterations keep the in-process run inside the toolchain's time limit.
[WarmupCount(0)]
[IterationCount(3)]
public class PostgreSqlReceiptWriteBenchmarks
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=matrix_receipts_test;Password=matrix_receipts_test";

    private readonly ConcurrentReceiptLoad _load = new();
    private string _database = string.Empty;
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlReceiptStore? _store;

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("MATRIX_RECEIPTS_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    [GlobalSetup(Target = nameof(OneTransactionPerReceipt))]
    public Task SetUpOneTransactionPerReceipt() => OpenAsync(maxBatchSize: 1);

    [GlobalSetup(Target = nameof(GroupCommit))]
    public Task SetUpGroupCommit() => OpenAsync(PostgreSqlReceiptStore.DefaultMaxBatchSize);

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentReceiptLoad.ReceiptsPerRun)]
    public Task OneTransactionPerReceipt() => _load.RunAsync(_store!);

    [Benchmark(OperationsPerInvoke = ConcurrentReceiptLoad.ReceiptsPerRun)]
    public Task GroupCommit() => _load.RunAsync(_store!);

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            _dataSource = null;
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private async Task OpenAsync(int maxBatchSize)
    {
        _database = "matrix_receipts_bench_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE {_database}");
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString);
        _store = new PostgreSqlReceiptStore(_dataSource, maxBatchSize: maxBatchSize);
        await _store.InitializeAsync();
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        NpgsqlConnectionStringBuilder server = new(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using NpgsqlConnection connection = new(server.ConnectionString);
        await connection.OpenAsync();
        await using NpgsqlCommand command = new(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
