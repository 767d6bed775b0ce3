using static Matrix.Receipts.PostgreSql.Tests.ReceiptFactory;

namespace Matrix.Receipts.PostgreSql.Tests;

[TestFixture]
public sealed class PostgreSqlReceiptStoreTests
{
    private PostgreSqlTestDatabase _database = null!;
    private PostgreSqlReceiptStore _store = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgreSqlTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [SetUp]
    public async Task SetUp()
    {
        // One database per fixture; every test starts from an empty schema and position 0.
        await _database.ExecuteAsync("DROP SCHEMA IF EXISTS matrix_receipts CASCADE");
        _store = new PostgreSqlReceiptStore(_database.DataSource);
    }

    [TearDown]
    public async Task TearDown() => await _store.DisposeAsync();

    [Test]
    public async Task Newer_receipt_replaces_the_stored_one_in_a_single_row_with_a_new_position()
    {
        StoreWriteResult first = await _store.TryAdvanceAsync(Read(5));
        StoreWriteResult second = await _store.TryAdvanceAsync(Read(9, ts: 42));

        first.Should().Be(new StoreWriteResult(true, new StreamPosition(1)));
        second.Should().Be(new StoreWriteResult(true, new StreamPosition(2)));
        IReadOnlyList<StoredReceipt> stored = await _store.GetUserReceiptsAsync(Room, Alice);
        stored.Should().ContainSingle().Which.Should().Be(new StoredReceipt(Read(9, ts: 42).Receipt, 9, new StreamPosition(2)));
        (await _database.ScalarAsync<long>("SELECT count(*) FROM matrix_receipts.receipts")).Should().Be(1);
    }

    [Test]
    public async Task Older_or_repeated_receipt_changes_nothing_and_takes_no_position()
    {
        await _store.TryAdvanceAsync(Read(9, ts: 1));

        StoreWriteResult older = await _store.TryAdvanceAsync(Read(5, ts: 2));
        StoreWriteResult repeat = await _store.TryAdvanceAsync(Read(9, ts: 3));

        older.Should().Be(StoreWriteResult.Unchanged);
        repeat.Should().Be(StoreWriteResult.Unchanged);
        (await _store.GetCurrentPositionAsync()).Should().Be(new StreamPosition(1));
        (await _store.GetUserReceiptsAsync(Room, Alice)).Should().ContainSingle()
            .Which.Should().Be(new StoredReceipt(Read(9, ts: 1).Receipt, 9, new StreamPosition(1)));
    }

    [Test]
    public async Task Unthreaded_main_and_thread_receipts_of_both_types_are_separate_keys()
    {
        ThreadId thread = ThreadId.Thread(Event(1));
        ReceiptWrite[] writes =
        [
            Read(10),
            Read(5, thread: ThreadId.Main),
            Read(3, thread: thread),
            Read(4, type: ReceiptType.ReadPrivate),
            Read(2, type: ReceiptType.ReadPrivate, thread: thread),
        ];
        foreach (ReceiptWrite write in writes)
        {
            (await _store.TryAdvanceAsync(write)).Changed.Should().BeTrue();
        }

        IReadOnlyList<StoredReceipt> stored = await _store.GetUserReceiptsAsync(Room, Alice);
        stored.Select(s => s.Receipt).Should().BeEquivalentTo(writes.Select(w => w.Receipt));
        stored.Single(s => s.Receipt.Thread.IsUnthreaded && s.Receipt.Type == ReceiptType.Read).Receipt.EventId.Should().Be(Event(10));
    }

    [Test]
    public async Task Remote_receipt_without_ordering_is_replaced_by_the_next_receipt_for_its_key()
    {
        StoreWriteResult remote = await _store.TryAdvanceAsync(Remote("$unknown:remote.example"));
        StoreWriteResult sameEvent = await _store.TryAdvanceAsync(Remote("$unknown:remote.example"));
        StoreWriteResult known = await _store.TryAdvanceAsync(Read(1));

        remote.Changed.Should().BeTrue();
        sameEvent.Should().Be(StoreWriteResult.Unchanged);
        known.Should().Be(new StoreWriteResult(true, new StreamPosition(2)));
        (await _store.GetUserReceiptsAsync(Room, Alice)).Should().ContainSingle()
            .Which.Should().Be(new StoredReceipt(Read(1).Receipt, 1, new StreamPosition(2)));
    }

    [Test]
    public async Task Incremental_read_returns_only_keys_changed_in_the_window_with_their_current_value()
    {
        RoomId other = RoomId.Parse("!other:example.org");
        await _store.TryAdvanceAsync(Read(1, user: Alice));             // 1
        await _store.TryAdvanceAsync(Read(2, user: Bob));               // 2
        await _store.TryAdvanceAsync(Read(3, user: Alice, room: other)); // 3
        await _store.TryAdvanceAsync(Read(4, user: Alice));             // 4

        IReadOnlyList<StoredReceipt> initial = await _store.GetReceiptsAsync([Room], StreamPosition.Zero, new StreamPosition(4));
        IReadOnlyList<StoredReceipt> window = await _store.GetReceiptsAsync([Room, other], new StreamPosition(2), new StreamPosition(3));

        initial.Select(r => (r.Receipt.User, r.Receipt.EventId, r.Position.Value))
            .Should().BeEquivalentTo([(Bob, Event(2), 2L), (Alice, Event(4), 4L)]);
        window.Should().ContainSingle().Which.Receipt.Room.Should().Be(other);
    }

    [Test]
    public async Task Read_marker_moves_forward_only_unless_replaced_and_shares_the_receipt_stream()
    {
        await _store.TryAdvanceAsync(Read(1));                                                           // 1
        StoreWriteResult set = await _store.TrySetAsync(Marker(5), ReadMarkerWriteMode.ForwardOnly);     // 2
        StoreWriteResult backward = await _store.TrySetAsync(Marker(3), ReadMarkerWriteMode.ForwardOnly);
        StoreWriteResult replaced = await _store.TrySetAsync(Marker(3), ReadMarkerWriteMode.Replace);    // 3
        StoreWriteResult sameEvent = await _store.TrySetAsync(Marker(3), ReadMarkerWriteMode.Replace);

        set.Should().Be(new StoreWriteResult(true, new StreamPosition(2)));
        backward.Should().Be(StoreWriteResult.Unchanged);
        replaced.Should().Be(new StoreWriteResult(true, new StreamPosition(3)));
        sameEvent.Should().Be(StoreWriteResult.Unchanged);
        (await _store.GetAsync(Room, Alice)).Should().Be(new StoredReadMarker(Marker(3), new StreamPosition(3)));
        (await _store.GetAsync(Room, Bob)).Should().BeNull();
        (await _store.GetChangesAsync(Alice, new StreamPosition(2), new StreamPosition(3))).Should().ContainSingle();
        (await _store.GetChangesAsync(Alice, new StreamPosition(3), new StreamPosition(9))).Should().BeEmpty();
        (await _store.GetCurrentPositionAsync()).Should().Be(new StreamPosition(3));
    }

    [Test]
    public async Task Stored_receipts_are_read_back_by_a_new_store_instance()
    {
        await _store.TryAdvanceAsync(Read(7, thread: ThreadId.Main));
        await _store.TrySetAsync(Marker(6), ReadMarkerWriteMode.ForwardOnly);

        await using PostgreSqlReceiptStore reopened = new(_database.CreateDataSource());

        (await reopened.GetUserReceiptsAsync(Room, Alice)).Should().ContainSingle()
            .Which.Should().Be(new StoredReceipt(Read(7, thread: ThreadId.Main).Receipt, 7, new StreamPosition(1)));
        (await reopened.GetAsync(Room, Alice)).Should().Be(new StoredReadMarker(Marker(6), new StreamPosition(2)));
        (await reopened.GetCurrentPositionAsync()).Should().Be(new StreamPosition(2));
    }

    [Test]
    public async Task Concurrent_writers_through_one_store_get_distinct_dense_positions()
    {
        UserId[] users = Enumerable.Range(0, 200).Select(i => UserId.Parse($"@user{i}:example.org")).ToArray();

        StoreWriteResult[] results = await Task.WhenAll(users.Select(u => _store.TryAdvanceAsync(Read(1, user: u)).AsTask()));

        results.Should().OnlyContain(r => r.Changed);
        results.Select(r => r.Position.Value).Should().BeEquivalentTo(Enumerable.Range(1, users.Length).Select(i => (long)i));
        _store.Writer.Batches.Should().BeLessThan(users.Length, "concurrent writes share group commits");
        (await _store.GetReceiptsAsync([Room], StreamPosition.Zero, new StreamPosition(users.Length))).Should().HaveCount(users.Length);
    }

    [Test]
    public async Task Repeated_key_within_one_batch_is_applied_in_order()
    {
        // Writes queued together share one group commit; the outcome must equal applying them one by one.
        await _store.InitializeAsync();
        Task<StoreWriteResult>[] writes = [.. new[] { 3L, 8L, 5L, 9L, 9L }.Select(o => _store.TryAdvanceAsync(Read(o)).AsTask())];
        StoreWriteResult[] results = await Task.WhenAll(writes);

        results.Select(r => r.Changed).Should().Equal(true, true, false, true, false);
        results.Where(r => r.Changed).Select(r => r.Position.Value).Should().BeInAscendingOrder();
        (await _store.GetUserReceiptsAsync(Room, Alice)).Should().ContainSingle().Which.EventOrdering.Should().Be(9);
    }

    [Test]
    public async Task Receipt_written_after_a_cancelled_one_is_stored_and_the_cancelled_one_is_not()
    {
        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();

        Func<Task> write = async () => await _store.TryAdvanceAsync(Read(4, user: Bob), cancelled.Token);
        await write.Should().ThrowAsync<OperationCanceledException>();
        (await _store.TryAdvanceAsync(Read(2))).Changed.Should().BeTrue();

        (await _store.GetUserReceiptsAsync(Room, Bob)).Should().BeEmpty();
    }
}
