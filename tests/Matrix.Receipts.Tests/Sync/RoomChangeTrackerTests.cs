namespace Matrix.Receipts.Tests.Sync;

[TestFixture]
public sealed class RoomChangeTrackerTests
{
    private const string Alice = "@alice:hs.test";
    private const string Bob = "@bob:hs.test";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private ReadSide _side = null!;

    [SetUp]
    public void SetUp() => _side = new ReadSide();

    private static string[] ManyRooms(int count) => [.. Enumerable.Range(0, count).Select(i => $"!room{i}:hs.test")];

    [Test]
    public async Task Idle_incremental_sync_over_1000_rooms_makes_no_per_room_store_query()
    {
        string[] rooms = ManyRooms(1000);
        foreach (string room in rooms)
        {
            await _side.ReceiptAsync(room, Bob, "$e1", 1);
        }

        ReceiptSync initial = await _side.SyncAsync(Alice, null, rooms);
        _side.Store.Reset();

        ReceiptSync idle = await _side.SyncAsync(Alice, initial.NextBatch, rooms);

        initial.Rooms.Should().HaveCount(1000);
        idle.Rooms.Should().BeEmpty();
        idle.NextBatch.Should().Be(initial.NextBatch);
        _side.Store.CurrentPositionCalls.Should().Be(1);
        _side.Store.ReceiptQueries.Should().Be(0);
        _side.Store.UserReceiptQueries.Should().Be(0);
        _side.Store.MarkerChangeQueries.Should().Be(0);
    }

    [Test]
    public async Task Incremental_sync_asks_the_store_only_about_rooms_that_changed()
    {
        string[] rooms = ManyRooms(1000);
        ReceiptSync initial = await _side.SyncAsync(Alice, null, rooms);
        await _side.ReceiptAsync(rooms[7], Bob, "$e1", 1);
        await _side.ReceiptAsync("!elsewhere:hs.test", Bob, "$e1", 1);
        _side.Store.Reset();

        ReceiptSync sync = await _side.SyncAsync(Alice, initial.NextBatch, rooms);

        sync.Rooms.Keys.Should().Equal(RoomId.Parse(rooms[7]));
        _side.Store.ReceiptQueries.Should().Be(1);
        _side.Store.RoomsQueried.Should().Be(1);
    }

    [Test]
    public async Task Sync_since_before_the_index_started_asks_about_every_room()
    {
        string[] rooms = ManyRooms(10);
        await _side.ReceiptAsync(rooms[0], Bob, "$e1", 1);
        var restarted = new ReadSide();
        await restarted.Memory.TryAdvanceAsync(new ReceiptWrite(
            new Receipt(RoomId.Parse(rooms[0]), UserId.Parse(Bob), ReceiptType.Read, EventId.Parse("$e1"), ThreadId.Unthreaded, 1), 1));
        await restarted.Memory.TryAdvanceAsync(new ReceiptWrite(
            new Receipt(RoomId.Parse(rooms[1]), UserId.Parse(Bob), ReceiptType.Read, EventId.Parse("$e1"), ThreadId.Unthreaded, 1), 1));

        ReceiptSync sync = await restarted.SyncAsync(Alice, new StreamPosition(1), rooms);

        restarted.Store.RoomsQueried.Should().Be(10);
        sync.Rooms.Keys.Should().Equal(RoomId.Parse(rooms[1]));
    }

    [Test]
    public async Task Wait_returns_at_once_when_a_change_after_since_is_known()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        await _side.ReceiptAsync("!a:hs.test", Bob, "$e1", 1);

        ValueTask<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, Generous);

        wait.IsCompleted.Should().BeTrue();
        (await wait).Should().BeTrue();
    }

    [Test]
    public async Task Wait_wakes_when_a_receipt_lands_in_one_of_its_rooms()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test", "!b:hs.test");
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test"), RoomId.Parse("!b:hs.test")], initial.NextBatch, Generous).AsTask();
        wait.IsCompleted.Should().BeFalse();

        await _side.ReceiptAsync("!b:hs.test", Bob, "$e1", 1);

        (await wait.WaitAsync(Generous)).Should().BeTrue();
    }

    [Test]
    public async Task Wait_wakes_when_a_read_marker_lands()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, Generous).AsTask();

        await _side.MarkerAsync("!a:hs.test", Alice, "$e1", 1);

        (await wait.WaitAsync(Generous)).Should().BeTrue();
    }

    [Test]
    public async Task Wait_wakes_on_a_change_notified_by_another_instance()
    {
        // A shared store (PostgreSQL LISTEN/NOTIFY) reports other instances' writes straight to the notifier.
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, Generous).AsTask();

        ((IReceiptChangeNotifier)_side.Tracker).OnChanged(RoomId.Parse("!a:hs.test"), new StreamPosition(initial.NextBatch.Value + 1));

        (await wait.WaitAsync(Generous)).Should().BeTrue();
    }

    [Test]
    public async Task Wait_is_not_woken_by_another_room_and_times_out_with_false()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, TimeSpan.FromSeconds(30)).AsTask();

        await _side.ReceiptAsync("!other:hs.test", Bob, "$e1", 1);
        await Task.Delay(50);
        wait.IsCompleted.Should().BeFalse();
        _side.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        wait.IsCompleted.Should().BeFalse();
        _side.Time.Advance(TimeSpan.FromSeconds(1));

        (await wait.WaitAsync(Generous)).Should().BeFalse();
    }

    [Test]
    public async Task Wait_is_not_woken_by_a_change_at_or_before_since()
    {
        await _side.ReceiptAsync("!a:hs.test", Bob, "$e1", 1);
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, TimeSpan.FromSeconds(5)).AsTask();

        // A repeated notification of an already-seen change (several instances may report the same write).
        ((IReceiptChangeNotifier)_side.Tracker).OnChanged(RoomId.Parse("!a:hs.test"), initial.NextBatch);
        await Task.Delay(50);
        wait.IsCompleted.Should().BeFalse();
        _side.Time.Advance(TimeSpan.FromSeconds(5));

        (await wait.WaitAsync(Generous)).Should().BeFalse();
    }

    [Test]
    public async Task Cancelled_wait_throws_operation_cancelled()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        using var cancellation = new CancellationTokenSource();
        Task<bool> wait = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, Generous, cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => wait.WaitAsync(Generous)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task Many_waiters_on_one_room_all_wake_and_leave_no_waiter_behind()
    {
        ReceiptSync initial = await _side.SyncAsync(Alice, null, "!a:hs.test");
        Task<bool>[] waits = [.. Enumerable.Range(0, 50).Select(_ =>
            _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], initial.NextBatch, Generous).AsTask())];

        await _side.ReceiptAsync("!a:hs.test", Bob, "$e1", 1);

        (await Task.WhenAll(waits).WaitAsync(Generous)).Should().OnlyContain(woken => woken);
        Task<bool> later = _side.Sync.WaitForChangeAsync([RoomId.Parse("!a:hs.test")], new StreamPosition(1), TimeSpan.FromSeconds(1)).AsTask();
        _side.Time.Advance(TimeSpan.FromSeconds(1));
        (await later.WaitAsync(Generous)).Should().BeFalse();
    }
}
