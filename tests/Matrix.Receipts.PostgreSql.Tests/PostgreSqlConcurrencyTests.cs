using Npgsql;
using static Matrix.Receipts.PostgreSql.Tests.ReceiptFactory;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>Two host instances (each its own data source, pool and group-commit loop) on one database.</summary>
[TestFixture]
public sealed class PostgreSqlConcurrencyTests
{
    private PostgreSqlTestDatabase _database = null!;
    private PostgreSqlReceiptStore _instanceA = null!;
    private PostgreSqlReceiptStore _instanceB = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgreSqlTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [SetUp]
    public async Task SetUp()
    {
        await _database.ExecuteAsync("DROP SCHEMA IF EXISTS matrix_receipts CASCADE");
        _instanceA = new PostgreSqlReceiptStore(_database.CreateDataSource());
        _instanceB = new PostgreSqlReceiptStore(_database.CreateDataSource());
    }

    [TearDown]
    public async Task TearDown()
    {
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
    }

    [Test]
    public async Task Two_instances_racing_on_one_key_never_move_it_backwards_or_duplicate_it()
    {
        // Both instances send the same shuffled orderings at once, so every ordering is raced by the other instance.
        long[] orderings = [.. Enumerable.Range(1, 300).Select(i => (long)i).OrderBy(_ => Random.Shared.Next())];
        Task<(long Ordering, StoreWriteResult Result)[]> a = WriteAllAsync(_instanceA, orderings);
        Task<(long Ordering, StoreWriteResult Result)[]> b = WriteAllAsync(_instanceB, orderings);
        (long Ordering, StoreWriteResult Result)[] applied = [.. (await a).Concat(await b).Where(w => w.Result.Changed).OrderBy(w => w.Result.Position)];

        applied.Select(w => w.Result.Position).Should().OnlyHaveUniqueItems();
        applied.Select(w => w.Ordering).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each step must move the key strictly forward");
        applied[^1].Ordering.Should().Be(300);
        IReadOnlyList<StoredReceipt> stored = await _instanceB.GetUserReceiptsAsync(Room, Alice);
        stored.Should().ContainSingle().Which.Should().Be(new StoredReceipt(Read(300).Receipt, 300, applied[^1].Result.Position));
        (await _database.ScalarAsync<long>("SELECT count(*) FROM matrix_receipts.receipts")).Should().Be(1);
        (await _instanceA.GetCurrentPositionAsync()).Should().Be(applied[^1].Result.Position);
    }

    [Test]
    public async Task Positions_from_two_instances_are_unique_and_become_visible_in_order()
    {
        // Every write is a new key, so positions are dense; a reader must never see position p before all of 1..p.
        const int perInstance = 200;
        using CancellationTokenSource writersDone = new();
        Task<List<string>> reader = Task.Run(async () =>
        {
            List<string> violations = [];
            await using NpgsqlConnection connection = await _database.DataSource.OpenConnectionAsync();
            while (!writersDone.IsCancellationRequested)
            {
                StreamPosition now = await _instanceA.GetCurrentPositionAsync();
                await using NpgsqlCommand count = new(
                    "SELECT (SELECT count(*) FROM matrix_receipts.receipts WHERE stream_position <= $1) + (SELECT count(*) FROM matrix_receipts.read_markers WHERE stream_position <= $1)",
                    connection);
                count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.Value });
                long visible = (long)(await count.ExecuteScalarAsync())!;
                if (visible != now.Value)
                {
                    violations.Add($"current position {now} but {visible} changes visible");
                }
            }

            return violations;
        });

        Task<StoreWriteResult[]> a = WriteUsersAsync(_instanceA, "a", perInstance);
        Task<StoreWriteResult[]> b = WriteUsersAsync(_instanceB, "b", perInstance);
        StoreWriteResult[] results = [.. await a, .. await b];
        await writersDone.CancelAsync();

        TestContext.Out.WriteLine($"batches: {_instanceA.Writer.Batches} + {_instanceB.Writer.Batches}");
        (await reader).Should().BeEmpty();
        results.Select(r => r.Position.Value).Should().BeEquivalentTo(Enumerable.Range(1, 2 * perInstance).Select(i => (long)i));
    }

    private static async Task<(long, StoreWriteResult)[]> WriteAllAsync(PostgreSqlReceiptStore store, long[] orderings) =>
        await Task.WhenAll(orderings.Select(async o => (o, await store.TryAdvanceAsync(Read(o)))));

    private static Task<StoreWriteResult[]> WriteUsersAsync(PostgreSqlReceiptStore store, string prefix, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            UserId user = UserId.Parse($"@{prefix}{i}:example.org");

            // Mix in read markers: they take positions from the same stream.
            return i % 4 == 0
                ? await store.TrySetAsync(Marker(1, user: user), ReadMarkerWriteMode.ForwardOnly)
                : await store.TryAdvanceAsync(Read(1, user: user));
        }));
}
