using Microsoft.Data.Sqlite;
using static Matrix.Receipts.Sqlite.Tests.SqliteTestData;

namespace Matrix.Receipts.Sqlite.Tests;

[TestFixture]
public sealed class SqliteGroupCommitTests
{
    private const int Writers = 64;

    private TempDatabase _database = null!;

    [SetUp]
    public void CreateFolder() => _database = new TempDatabase();

    [TearDown]
    public void DeleteFolder() => _database.Dispose();

    [Test]
    public async Task Concurrent_writers_share_transactions()
    {
        await using SqliteReceiptStore store = _database.Open();
        long before = store.TransactionCount;

        // Another connection holds the write lock while the 64 writes queue up, so the writer has to group
        // them: at most the first batch it took before blocking, then one batch with everything else.
        Task<StoreWriteResult[]> writes;
        using var enqueued = new CountdownEvent(Writers);
        using (SqliteConnection blocker = OpenRaw(_database.DatabasePath))
        using (SqliteTransaction lockHolder = blocker.BeginTransaction(deferred: false))
        {
            writes = Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() =>
            {
                Task<StoreWriteResult> write = store.TryAdvanceAsync(Receipt(i, "$e", 1)).AsTask();
                enqueued.Signal();
                return write;
            })));
            enqueued.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue();
            store.TransactionCount.Should().Be(before, "nothing can commit while the lock is held");
            lockHolder.Commit();
        }

        StoreWriteResult[] results = await writes.WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(r => r.Changed);
        results.Select(r => r.Position).Should().OnlyHaveUniqueItems();
        (store.TransactionCount - before).Should().BeLessThanOrEqualTo(2).And.BeLessThan(Writers);
        store.AppliedWriteCount.Should().Be(Writers);
    }

    [Test]
    public async Task Batch_size_one_commits_every_write_alone()
    {
        await using SqliteReceiptStore store = _database.Open(maxBatchSize: 1);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => store.TryAdvanceAsync(Receipt(i, "$e", 1)).AsTask())));

        store.TransactionCount.Should().Be(Writers);
    }

    [Test]
    public async Task A_failing_write_fails_alone_and_its_batch_mates_are_stored()
    {
        await using SqliteReceiptStore store = _database.Open();
        using (SqliteConnection raw = OpenRaw(_database.DatabasePath))
        {
            // Stands in for any per-row failure (a corrupt page, a constraint added by the host).
            Execute(raw, """
                CREATE TRIGGER poison BEFORE INSERT ON receipts WHEN NEW.event_id = '$poison'
                BEGIN SELECT RAISE(ABORT, 'poisoned write'); END;
                """);
        }

        Task<StoreWriteResult>[] writes;
        using (SqliteConnection blocker = OpenRaw(_database.DatabasePath))
        using (SqliteTransaction lockHolder = blocker.BeginTransaction(deferred: false))
        {
            writes = Enumerable.Range(0, 16).Select(i => store.TryAdvanceAsync(Receipt(i, i == 7 ? "$poison" : "$e", 1)).AsTask()).ToArray();
            lockHolder.Commit();
        }

        Func<Task> poisoned = () => writes[7];
        await poisoned.Should().ThrowAsync<SqliteException>().WithMessage("*poisoned write*");
        for (int i = 0; i < writes.Length; i++)
        {
            if (i != 7)
            {
                (await writes[i]).Changed.Should().BeTrue();
            }
        }

        (await store.GetReceiptsAsync([Room], StreamPosition.Zero, await store.GetCurrentPositionAsync())).Should().HaveCount(15);
    }

    [Test]
    public async Task Writes_fail_with_busy_when_another_process_holds_the_lock_past_the_timeout_and_the_store_recovers()
    {
        await using SqliteReceiptStore store = SqliteReceiptStore.Open(new SqliteReceiptStoreOptions
        {
            DatabasePath = _database.DatabasePath,
            BusyTimeout = TimeSpan.FromMilliseconds(200),
        });

        Task<StoreWriteResult>[] writes;
        using (SqliteConnection blocker = OpenRaw(_database.DatabasePath))
        using (SqliteTransaction lockHolder = blocker.BeginTransaction(deferred: false))
        {
            writes = Enumerable.Range(0, 4).Select(i => store.TryAdvanceAsync(Receipt(i, "$e", 1)).AsTask()).ToArray();
            foreach (Task<StoreWriteResult> write in writes)
            {
                Func<Task> wait = () => write.WaitAsync(TimeSpan.FromSeconds(60));
                (await wait.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY");
            }

            lockHolder.Rollback();
        }

        (await store.TryAdvanceAsync(Receipt(9, "$e", 1))).Changed.Should().BeTrue("the writer keeps serving once the lock is released");
        (await store.GetReceiptsAsync([Room], StreamPosition.Zero, await store.GetCurrentPositionAsync())).Should().ContainSingle();
    }
}
