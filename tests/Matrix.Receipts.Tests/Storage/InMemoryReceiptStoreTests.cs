namespace Matrix.Receipts.Tests.Storage;

[TestFixture]
public sealed class InMemoryReceiptStoreTests
{
    private static readonly RoomId RoomA = RoomId.Parse("!a:hs.test");
    private static readonly RoomId RoomB = RoomId.Parse("!b:hs.test");
    private static readonly UserId Alice = UserId.Parse("@alice:hs.test");
    private static readonly UserId Bob = UserId.Parse("@bob:hs.test");

    private InMemoryReceiptStore _store = null!;

    [SetUp]
    public void SetUp() => _store = new InMemoryReceiptStore();

    private static ReceiptWrite Write(
        string eventId,
        long? ordering,
        ReceiptType? type = null,
        ThreadId thread = default,
        RoomId? room = null,
        UserId? user = null,
        long timestamp = 1000) =>
        new(new Receipt(room ?? RoomA, user ?? Alice, type ?? ReceiptType.Read, EventId.Parse(eventId), thread, timestamp), ordering);

    private async Task<IReadOnlyList<StoredReceipt>> AliceRowsAsync() => await _store.GetUserReceiptsAsync(RoomA, Alice);

    [Test]
    public async Task Empty_store_is_at_position_zero()
    {
        (await _store.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
    }

    [Test]
    public async Task First_receipt_is_stored_with_a_new_position()
    {
        StoreWriteResult result = await _store.TryAdvanceAsync(Write("$e1", 10));

        result.Changed.Should().BeTrue();
        result.Position.Should().Be(new StreamPosition(1));
        (await _store.GetCurrentPositionAsync()).Should().Be(result.Position);
        IReadOnlyList<StoredReceipt> rows = await AliceRowsAsync();
        rows.Should().ContainSingle().Which.Should().Be(new StoredReceipt(Write("$e1", 10).Receipt, 10, result.Position));
    }

    [Test]
    public async Task Newer_receipt_replaces_the_row_with_a_greater_position()
    {
        StoreWriteResult first = await _store.TryAdvanceAsync(Write("$e1", 10));
        StoreWriteResult second = await _store.TryAdvanceAsync(Write("$e2", 11, timestamp: 2000));

        second.Changed.Should().BeTrue();
        second.Position.Should().BeGreaterThan(first.Position);
        StoredReceipt row = (await AliceRowsAsync()).Should().ContainSingle().Subject;
        row.Receipt.EventId.Should().Be(EventId.Parse("$e2"));
        row.Receipt.Timestamp.Should().Be(2000);
        row.EventOrdering.Should().Be(11);
        row.Position.Should().Be(second.Position);
    }

    [Test]
    public async Task Older_receipt_is_ignored_and_keeps_row_position_and_ts()
    {
        StoreWriteResult first = await _store.TryAdvanceAsync(Write("$e5", 50, timestamp: 1000));

        StoreWriteResult older = await _store.TryAdvanceAsync(Write("$e4", 40, timestamp: 9000));

        older.Should().Be(StoreWriteResult.Unchanged);
        (await _store.GetCurrentPositionAsync()).Should().Be(first.Position);
        StoredReceipt row = (await AliceRowsAsync()).Should().ContainSingle().Subject;
        row.Receipt.EventId.Should().Be(EventId.Parse("$e5"));
        row.Receipt.Timestamp.Should().Be(1000);
        row.Position.Should().Be(first.Position);
    }

    [Test]
    public async Task Repeat_of_the_same_event_is_a_no_op()
    {
        StoreWriteResult first = await _store.TryAdvanceAsync(Write("$e5", 50, timestamp: 1000));

        StoreWriteResult repeat = await _store.TryAdvanceAsync(Write("$e5", 50, timestamp: 5000));

        repeat.Changed.Should().BeFalse();
        (await _store.GetCurrentPositionAsync()).Should().Be(first.Position);
        (await AliceRowsAsync()).Single().Receipt.Timestamp.Should().Be(1000);
    }

    [Test]
    public async Task Read_and_read_private_are_independent_keys()
    {
        await _store.TryAdvanceAsync(Write("$e5", 50, ReceiptType.ReadPrivate));

        StoreWriteResult publicOlder = await _store.TryAdvanceAsync(Write("$e3", 30, ReceiptType.Read));

        publicOlder.Changed.Should().BeTrue();
        IReadOnlyList<StoredReceipt> rows = await AliceRowsAsync();
        rows.Select(r => (r.Receipt.Type, r.Receipt.EventId.Value)).Should().BeEquivalentTo(
            [(ReceiptType.ReadPrivate, "$e5"), (ReceiptType.Read, "$e3")]);
    }

    [Test]
    public async Task Unthreaded_main_and_thread_receipts_never_replace_each_other()
    {
        ThreadId thread = ThreadId.Thread(EventId.Parse("$root"));
        await _store.TryAdvanceAsync(Write("$e9", 90));

        (await _store.TryAdvanceAsync(Write("$e2", 20, thread: ThreadId.Main))).Changed.Should().BeTrue();
        (await _store.TryAdvanceAsync(Write("$e3", 30, thread: thread))).Changed.Should().BeTrue();
        (await _store.TryAdvanceAsync(Write("$e1", 10))).Changed.Should().BeFalse();

        IReadOnlyList<StoredReceipt> rows = await AliceRowsAsync();
        rows.Select(r => (r.Receipt.Thread, r.Receipt.EventId.Value)).Should().BeEquivalentTo(
            [(ThreadId.Unthreaded, "$e9"), (ThreadId.Main, "$e2"), (thread, "$e3")]);
    }

    [Test]
    public async Task Rows_of_other_users_and_rooms_are_separate_keys()
    {
        await _store.TryAdvanceAsync(Write("$e9", 90));

        (await _store.TryAdvanceAsync(Write("$e1", 10, user: Bob))).Changed.Should().BeTrue();
        (await _store.TryAdvanceAsync(Write("$x1", 5, room: RoomB))).Changed.Should().BeTrue();

        (await AliceRowsAsync()).Should().ContainSingle().Which.Receipt.EventId.Should().Be(EventId.Parse("$e9"));
        (await _store.GetUserReceiptsAsync(RoomA, Bob)).Should().ContainSingle().Which.Receipt.EventId.Should().Be(EventId.Parse("$e1"));
        (await _store.GetUserReceiptsAsync(RoomB, Alice)).Should().ContainSingle().Which.Receipt.EventId.Should().Be(EventId.Parse("$x1"));
    }

    [Test]
    public async Task Receipt_without_ordering_is_replaced_by_the_next_receipt_on_another_event()
    {
        await _store.TryAdvanceAsync(Write("$remote", null));

        StoreWriteResult sameEvent = await _store.TryAdvanceAsync(Write("$remote", null, timestamp: 5));
        StoreWriteResult next = await _store.TryAdvanceAsync(Write("$known", 3));

        sameEvent.Changed.Should().BeFalse();
        next.Changed.Should().BeTrue();
        StoredReceipt row = (await AliceRowsAsync()).Should().ContainSingle().Subject;
        row.Receipt.EventId.Should().Be(EventId.Parse("$known"));
        row.EventOrdering.Should().Be(3);
    }

    [Test]
    public async Task Unordered_receipt_over_another_unordered_one_replaces_it()
    {
        await _store.TryAdvanceAsync(Write("$remote1", null));

        (await _store.TryAdvanceAsync(Write("$remote2", null))).Changed.Should().BeTrue();

        (await AliceRowsAsync()).Single().Receipt.EventId.Should().Be(EventId.Parse("$remote2"));
    }

    [Test]
    public async Task Receipt_without_ordering_never_replaces_one_with_an_ordering()
    {
        await _store.TryAdvanceAsync(Write("$known", 3));

        StoreWriteResult result = await _store.TryAdvanceAsync(Write("$remote", null));

        result.Changed.Should().BeFalse();
        (await AliceRowsAsync()).Single().Receipt.EventId.Should().Be(EventId.Parse("$known"));
    }

    [Test]
    public async Task Receipts_and_read_markers_share_one_stream_of_positions()
    {
        StoreWriteResult receipt = await _store.TryAdvanceAsync(Write("$e1", 10));
        StoreWriteResult marker = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e1"), 10), ReadMarkerWriteMode.ForwardOnly);
        StoreWriteResult receipt2 = await _store.TryAdvanceAsync(Write("$e2", 20));

        new[] { receipt.Position.Value, marker.Position.Value, receipt2.Position.Value }.Should().Equal(1, 2, 3);
        (await _store.GetCurrentPositionAsync()).Should().Be(new StreamPosition(3));
    }

    [Test]
    public async Task Read_marker_moves_forward_only_by_default()
    {
        StoreWriteResult first = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), ReadMarkerWriteMode.ForwardOnly);

        StoreWriteResult backward = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e4"), 40), ReadMarkerWriteMode.ForwardOnly);
        StoreWriteResult same = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), ReadMarkerWriteMode.ForwardOnly);

        backward.Changed.Should().BeFalse();
        same.Changed.Should().BeFalse();
        StoredReadMarker? stored = await _store.GetAsync(RoomA, Alice);
        stored.Should().Be(new StoredReadMarker(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), first.Position));

        StoreWriteResult forward = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e6"), 60), ReadMarkerWriteMode.ForwardOnly);
        forward.Changed.Should().BeTrue();
        (await _store.GetAsync(RoomA, Alice))!.Marker.EventId.Should().Be(EventId.Parse("$e6"));
    }

    [Test]
    public async Task Read_marker_replace_mode_moves_backward_but_not_onto_the_same_event()
    {
        await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), ReadMarkerWriteMode.ForwardOnly);

        StoreWriteResult same = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), ReadMarkerWriteMode.Replace);
        StoreWriteResult backward = await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e2"), 20), ReadMarkerWriteMode.Replace);

        same.Changed.Should().BeFalse();
        backward.Changed.Should().BeTrue();
        (await _store.GetAsync(RoomA, Alice))!.Marker.EventId.Should().Be(EventId.Parse("$e2"));
    }

    [Test]
    public async Task Read_markers_are_per_room_and_user()
    {
        await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$e5"), 50), ReadMarkerWriteMode.ForwardOnly);

        (await _store.TrySetAsync(new ReadMarker(RoomB, Alice, EventId.Parse("$b1"), 1), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeTrue();
        (await _store.TrySetAsync(new ReadMarker(RoomA, Bob, EventId.Parse("$e1"), 10), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeTrue();

        (await _store.GetAsync(RoomA, Alice))!.Marker.EventId.Should().Be(EventId.Parse("$e5"));
        (await _store.GetAsync(RoomB, Bob)).Should().BeNull();
    }

    [Test]
    public async Task Receipt_query_returns_current_rows_of_the_asked_rooms_changed_in_the_window()
    {
        await _store.TryAdvanceAsync(Write("$a1", 1));                       // 1
        await _store.TryAdvanceAsync(Write("$b1", 2, room: RoomB));          // 2
        await _store.TryAdvanceAsync(Write("$a2", 3, user: Bob));            // 3
        await _store.TryAdvanceAsync(Write("$a3", 4));                       // 4: Alice's key moves, last change now 4

        IReadOnlyList<StoredReceipt> all = await _store.GetReceiptsAsync([RoomA], StreamPosition.Zero, new StreamPosition(4));
        IReadOnlyList<StoredReceipt> window = await _store.GetReceiptsAsync([RoomA, RoomB], new StreamPosition(1), new StreamPosition(3));

        all.Select(r => r.Receipt.EventId.Value).Should().BeEquivalentTo(["$a2", "$a3"]);
        window.Select(r => r.Receipt.EventId.Value).Should().BeEquivalentTo(["$b1", "$a2"]);
    }

    [Test]
    public async Task Marker_changes_are_those_of_the_user_in_the_window()
    {
        await _store.TrySetAsync(new ReadMarker(RoomA, Alice, EventId.Parse("$a1"), 1), ReadMarkerWriteMode.ForwardOnly); // 1
        await _store.TrySetAsync(new ReadMarker(RoomB, Alice, EventId.Parse("$b1"), 1), ReadMarkerWriteMode.ForwardOnly); // 2
        await _store.TrySetAsync(new ReadMarker(RoomA, Bob, EventId.Parse("$a1"), 1), ReadMarkerWriteMode.ForwardOnly);   // 3

        IReadOnlyList<StoredReadMarker> changes = await _store.GetChangesAsync(Alice, new StreamPosition(1), new StreamPosition(3));

        changes.Should().ContainSingle().Which.Marker.Room.Should().Be(RoomB);
    }

    [Test]
    public async Task Parallel_writers_on_one_key_get_unique_increasing_positions_and_leave_the_furthest_event()
    {
        const int writers = 64;
        using var gate = new ManualResetEventSlim();
        Task<StoreWriteResult>[] tasks = [.. Enumerable.Range(1, writers).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await _store.TryAdvanceAsync(Write($"$e{i}", i));
        }))];
        gate.Set();
        StoreWriteResult[] results = await Task.WhenAll(tasks);

        long[] positions = [.. results.Where(r => r.Changed).Select(r => r.Position.Value)];
        positions.Should().OnlyHaveUniqueItems();
        positions.Should().NotBeEmpty();
        (await _store.GetCurrentPositionAsync()).Value.Should().Be(positions.Max()).And.Be(positions.Length);
        StoredReceipt row = (await AliceRowsAsync()).Should().ContainSingle().Subject;
        row.Receipt.EventId.Should().Be(EventId.Parse($"$e{writers}"));
        row.Position.Value.Should().Be(positions.Max());
    }

    [Test]
    public async Task Parallel_writers_on_many_keys_never_share_a_position()
    {
        const int writers = 64;
        using var gate = new ManualResetEventSlim();
        Task<StoreWriteResult>[] tasks = [.. Enumerable.Range(1, writers).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return i % 2 == 0
                ? await _store.TryAdvanceAsync(Write("$e1", 1, user: UserId.Parse($"@u{i}:hs.test")))
                : await _store.TrySetAsync(new ReadMarker(RoomA, UserId.Parse($"@u{i}:hs.test"), EventId.Parse("$e1"), 1), ReadMarkerWriteMode.ForwardOnly);
        }))];
        gate.Set();
        StoreWriteResult[] results = await Task.WhenAll(tasks);

        results.Should().OnlyContain(r => r.Changed);
        results.Select(r => r.Position.Value).Should().BeEquivalentTo(Enumerable.Range(1, writers).Select(i => (long)i));
    }
}
