using static Matrix.Receipts.Sqlite.Tests.SqliteTestData;

namespace Matrix.Receipts.Sqlite.Tests;

[TestFixture]
public sealed class SqliteDurabilityTests
{
    private TempDatabase _database = null!;

    [SetUp]
    public void CreateFolder() => _database = new TempDatabase();

    [TearDown]
    public void DeleteFolder() => _database.Dispose();

    [Test]
    public async Task Receipts_markers_and_stream_position_survive_reopening()
    {
        StoreWriteResult last;
        await using (SqliteReceiptStore store = _database.Open())
        {
            await store.TryAdvanceAsync(Receipt(1, "$a", 1, ts: 111));
            await store.TryAdvanceAsync(Receipt(1, "$b", 2, ThreadId.Thread(EventId.Parse("$root/+x")), ts: 222));
            await store.TryAdvanceAsync(Receipt(2, "$remote", null, ts: 333));
            last = await store.TrySetAsync(Marker(1, "$b", 2), ReadMarkerWriteMode.ForwardOnly);
        }

        await using (SqliteReceiptStore reopened = _database.Open())
        {
            (await reopened.GetCurrentPositionAsync()).Should().Be(last.Position);
            IReadOnlyList<StoredReceipt> all = await reopened.GetReceiptsAsync([Room], StreamPosition.Zero, last.Position);
            all.Select(r => (r.Receipt.User, r.Receipt.EventId, r.Receipt.Thread, r.Receipt.Timestamp, r.EventOrdering)).Should().BeEquivalentTo(new[]
            {
                (User(1), EventId.Parse("$a"), ThreadId.Unthreaded, 111L, (long?)1),
                (User(1), EventId.Parse("$b"), ThreadId.Thread(EventId.Parse("$root/+x")), 222L, (long?)2),
                (User(2), EventId.Parse("$remote"), ThreadId.Unthreaded, 333L, (long?)null),
            });
            (await reopened.GetAsync(Room, User(1)))!.Marker.Should().Be(Marker(1, "$b", 2));

            // The monotonic rule holds against what was stored before the restart.
            (await reopened.TryAdvanceAsync(Receipt(1, "$older", 0))).Changed.Should().BeFalse();
            (await reopened.TryAdvanceAsync(Receipt(1, "$newer", 3))).Position.Should().Be(new StreamPosition(last.Position.Value + 1));
        }
    }

    [Test]
    public async Task Writes_queued_before_dispose_are_committed()
    {
        SqliteReceiptStore store = _database.Open();
        var pending = Enumerable.Range(0, 100).Select(i => store.TryAdvanceAsync(Receipt(i, "$e", 1)).AsTask()).ToList();

        await store.DisposeAsync();

        (await Task.WhenAll(pending)).Should().OnlyContain(r => r.Changed);
        await using SqliteReceiptStore reopened = _database.Open();
        (await reopened.GetReceiptsAsync([Room], StreamPosition.Zero, new StreamPosition(long.MaxValue))).Should().HaveCount(100);
    }

    [Test]
    public async Task Store_refuses_writes_and_reads_after_dispose()
    {
        SqliteReceiptStore store = _database.Open();
        await store.DisposeAsync();

        Func<Task> write = async () => await store.TryAdvanceAsync(Receipt(1, "$e", 1));
        Func<Task> read = async () => await store.GetCurrentPositionAsync();

        await write.Should().ThrowAsync<ObjectDisposedException>();
        await read.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Test]
    public async Task Cancelled_token_stores_nothing()
    {
        await using SqliteReceiptStore store = _database.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> write = async () => await store.TryAdvanceAsync(Receipt(1, "$e", 1), cancelled.Token);

        await write.Should().ThrowAsync<OperationCanceledException>();
        (await store.GetUserReceiptsAsync(Room, User(1))).Should().BeEmpty();
        (await store.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
    }

    [Test]
    public async Task Reader_sees_writes_of_another_store_instance_on_the_same_file()
    {
        // Two host processes on one file: positions come from the database, never from one process's memory.
        await using SqliteReceiptStore first = _database.Open();
        await using SqliteReceiptStore second = _database.Open();

        StoreWriteResult a = await first.TryAdvanceAsync(Receipt(1, "$a", 1));
        StoreWriteResult b = await second.TryAdvanceAsync(Receipt(2, "$b", 2));

        b.Position.Should().BeGreaterThan(a.Position);
        (await first.GetCurrentPositionAsync()).Should().Be(b.Position);
        (await first.GetReceiptsAsync([Room], a.Position, b.Position)).Should().ContainSingle().Which.Receipt.User.Should().Be(User(2));
    }
}
