using FluentAssertions;
using NUnit.Framework;

namespace Matrix.Receipts.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IReceiptStore"/> / <see cref="IReadMarkerStore"/> pair must show (behaviour.md §3, §5, §6).
/// Each backend's test project derives one <c>[TestFixture]</c> from this class and supplies fresh stores.
/// Every test uses its own room and user IDs, so a backend may share one database between tests.
/// </summary>
public abstract class ReceiptStoreContractTests
{
    private const int Writers = 64;

    private IReceiptStore? _receipts;
    private IReadMarkerStore? _readMarkers;
    private string _scope = string.Empty;

    /// <summary>The receipt store under test.</summary>
    protected IReceiptStore Receipts => _receipts ?? throw new InvalidOperationException("Stores are not created.");

    /// <summary>The read-marker store under test (same backend, same stream).</summary>
    protected IReadMarkerStore ReadMarkers => _readMarkers ?? throw new InvalidOperationException("Stores are not created.");

    /// <summary>Creates the stores under test, both backed by one (empty or test-isolated) database.</summary>
    protected abstract Task<(IReceiptStore Receipts, IReadMarkerStore ReadMarkers)> CreateStoresAsync();

    /// <summary>Releases what <see cref="CreateStoresAsync"/> created (connections, files, schemas).</summary>
    protected virtual Task DisposeStoresAsync() => Task.CompletedTask;

    [SetUp]
    public async Task CreateStoresBeforeEachTest()
    {
        _scope = Guid.NewGuid().ToString("N")[..12];
        (_receipts, _readMarkers) = await CreateStoresAsync();
    }

    [TearDown]
    public async Task DisposeStoresAfterEachTest()
    {
        await DisposeStoresAsync();
        _receipts = null;
        _readMarkers = null;
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    [Test]
    public async Task First_receipt_for_a_key_is_stored_with_a_position()
    {
        RoomId room = Room();
        StreamPosition before = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult result = await Receipts.TryAdvanceAsync(Write(room, User("a"), ReceiptType.Read, Event("e1"), 1, ThreadId.Unthreaded, ts: 1000));

        result.Changed.Should().BeTrue();
        result.Position.Should().BeGreaterThan(before);
        IReadOnlyList<StoredReceipt> stored = await Receipts.GetUserReceiptsAsync(room, User("a"));
        stored.Should().ContainSingle();
        stored[0].Receipt.Should().Be(new Receipt(room, User("a"), ReceiptType.Read, Event("e1"), ThreadId.Unthreaded, 1000));
        stored[0].EventOrdering.Should().Be(1);
        stored[0].Position.Should().Be(result.Position);
    }

    [Test]
    public async Task Read_and_read_private_are_independent_keys()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e5", 5);

        StoreWriteResult older = await Advance(room, User("a"), ReceiptType.ReadPrivate, "e2", 2);

        older.Changed.Should().BeTrue("m.read.private has its own key, so an earlier event than the m.read one is still new for it");
        IReadOnlyList<StoredReceipt> stored = await Receipts.GetUserReceiptsAsync(room, User("a"));
        stored.Select(r => (r.Receipt.Type, r.Receipt.EventId)).Should().BeEquivalentTo(
            new[] { (ReceiptType.Read, Event("e5")), (ReceiptType.ReadPrivate, Event("e2")) });
    }

    [Test]
    public async Task Unthreaded_main_and_thread_receipts_are_independent_keys()
    {
        RoomId room = Room();
        ThreadId thread = ThreadId.Thread(Event("root"));
        await Advance(room, User("a"), ReceiptType.Read, "e9", 9, ThreadId.Unthreaded);

        StoreWriteResult main = await Advance(room, User("a"), ReceiptType.Read, "e3", 3, ThreadId.Main);
        StoreWriteResult inThread = await Advance(room, User("a"), ReceiptType.Read, "e4", 4, thread);
        StoreWriteResult otherThread = await Advance(room, User("a"), ReceiptType.Read, "e2", 2, ThreadId.Thread(Event("root2")));

        main.Changed.Should().BeTrue();
        inThread.Changed.Should().BeTrue();
        otherThread.Changed.Should().BeTrue();
        IReadOnlyList<StoredReceipt> stored = await Receipts.GetUserReceiptsAsync(room, User("a"));
        stored.Select(r => (r.Receipt.Thread, r.Receipt.EventId)).Should().BeEquivalentTo(new[]
        {
            (ThreadId.Unthreaded, Event("e9")),
            (ThreadId.Main, Event("e3")),
            (thread, Event("e4")),
            (ThreadId.Thread(Event("root2")), Event("e2")),
        });
    }

    [Test]
    public async Task Users_and_rooms_are_part_of_the_key()
    {
        RoomId room = Room();
        RoomId otherRoom = Room("other");
        await Advance(room, User("a"), ReceiptType.Read, "e9", 9);

        (await Advance(room, User("b"), ReceiptType.Read, "e1", 1)).Changed.Should().BeTrue();
        (await Advance(otherRoom, User("a"), ReceiptType.Read, "e1", 1)).Changed.Should().BeTrue();

        (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Which.Receipt.EventId.Should().Be(Event("e9"));
        (await Receipts.GetUserReceiptsAsync(room, User("b"))).Should().ContainSingle().Which.Receipt.EventId.Should().Be(Event("e1"));
        (await Receipts.GetUserReceiptsAsync(otherRoom, User("a"))).Should().ContainSingle().Which.Receipt.EventId.Should().Be(Event("e1"));
    }

    // ---- monotonic --------------------------------------------------------------------------------------------

    [Test]
    public async Task Newer_receipt_replaces_the_stored_one_with_a_new_position()
    {
        RoomId room = Room();
        StoreWriteResult first = await Advance(room, User("a"), ReceiptType.Read, "e1", 1, ts: 100);

        StoreWriteResult second = await Advance(room, User("a"), ReceiptType.Read, "e2", 2, ts: 200);

        second.Changed.Should().BeTrue();
        second.Position.Should().BeGreaterThan(first.Position);
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event("e2"));
        stored.Receipt.Timestamp.Should().Be(200);
        stored.EventOrdering.Should().Be(2);
        stored.Position.Should().Be(second.Position);
    }

    [Test]
    public async Task Older_receipt_is_ignored_and_leaves_event_ts_and_position_unchanged()
    {
        RoomId room = Room();
        StoreWriteResult first = await Advance(room, User("a"), ReceiptType.Read, "e5", 5, ts: 100);
        StreamPosition current = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult older = await Advance(room, User("a"), ReceiptType.Read, "e3", 3, ts: 999);

        older.Should().Be(StoreWriteResult.Unchanged);
        (await Receipts.GetCurrentPositionAsync()).Should().Be(current, "a no-op hands out no position");
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event("e5"));
        stored.Receipt.Timestamp.Should().Be(100);
        stored.Position.Should().Be(first.Position);
    }

    [Test]
    public async Task Repeated_receipt_for_the_same_event_is_ignored_and_keeps_its_ts()
    {
        RoomId room = Room();
        StoreWriteResult first = await Advance(room, User("a"), ReceiptType.Read, "e5", 5, ts: 100);
        StreamPosition current = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult repeat = await Advance(room, User("a"), ReceiptType.Read, "e5", 5, ts: 999);

        repeat.Should().Be(StoreWriteResult.Unchanged);
        (await Receipts.GetCurrentPositionAsync()).Should().Be(current);
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.Timestamp.Should().Be(100);
        stored.Position.Should().Be(first.Position);
    }

    [Test]
    public async Task Ignored_write_produces_no_change_in_the_incremental_view()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e5", 5);
        StreamPosition since = await Receipts.GetCurrentPositionAsync();

        await Advance(room, User("a"), ReceiptType.Read, "e4", 4);
        await Advance(room, User("a"), ReceiptType.Read, "e5", 5);

        StreamPosition upTo = await Receipts.GetCurrentPositionAsync();
        (await Receipts.GetReceiptsAsync([room], since, upTo)).Should().BeEmpty();
    }

    [Test]
    public async Task Remote_receipt_without_ordering_is_stored_and_replaced_by_the_next_receipt_for_its_key()
    {
        RoomId room = Room();
        StoreWriteResult remote = await Advance(room, User("a"), ReceiptType.Read, "unknown", null, ts: 100);

        remote.Changed.Should().BeTrue();
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event("unknown"));
        stored.EventOrdering.Should().BeNull();

        // Any ordering beats "no ordering", even a small one.
        StoreWriteResult next = await Advance(room, User("a"), ReceiptType.Read, "e1", 1, ts: 200);

        next.Changed.Should().BeTrue();
        next.Position.Should().BeGreaterThan(remote.Position);
        stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event("e1"));
        stored.EventOrdering.Should().Be(1);
    }

    [Test]
    public async Task Remote_receipt_without_ordering_is_replaced_by_another_one_without_ordering()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "unknown1", null);

        StoreWriteResult next = await Advance(room, User("a"), ReceiptType.Read, "unknown2", null);

        next.Changed.Should().BeTrue();
        (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Which.Receipt.EventId.Should().Be(Event("unknown2"));
    }

    [Test]
    public async Task Repeated_remote_receipt_without_ordering_is_ignored()
    {
        RoomId room = Room();
        StoreWriteResult first = await Advance(room, User("a"), ReceiptType.Read, "unknown", null, ts: 100);

        StoreWriteResult repeat = await Advance(room, User("a"), ReceiptType.Read, "unknown", null, ts: 200);

        repeat.Should().Be(StoreWriteResult.Unchanged);
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.Timestamp.Should().Be(100);
        stored.Position.Should().Be(first.Position);
    }

    [Test]
    public async Task Receipt_without_ordering_over_an_ordered_receipt_is_ignored()
    {
        RoomId room = Room();
        StoreWriteResult first = await Advance(room, User("a"), ReceiptType.Read, "e5", 5);

        StoreWriteResult remote = await Advance(room, User("a"), ReceiptType.Read, "unknown", null);

        remote.Should().Be(StoreWriteResult.Unchanged);
        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event("e5"));
        stored.EventOrdering.Should().Be(5);
        stored.Position.Should().Be(first.Position);
    }

    // ---- positions --------------------------------------------------------------------------------------------

    [Test]
    public async Task Positions_are_unique_strictly_increasing_and_shared_with_read_markers()
    {
        RoomId room = Room();
        var positions = new List<StreamPosition> { await Receipts.GetCurrentPositionAsync() };

        positions.Add((await Advance(room, User("a"), ReceiptType.Read, "e1", 1)).Position);
        positions.Add((await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e1", 1), ReadMarkerWriteMode.ForwardOnly)).Position);
        positions.Add((await Advance(room, User("b"), ReceiptType.ReadPrivate, "e2", 2)).Position);
        positions.Add((await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e2", 2), ReadMarkerWriteMode.ForwardOnly)).Position);
        positions.Add((await Advance(room, User("a"), ReceiptType.Read, "e3", 3, ThreadId.Main)).Position);

        positions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await Receipts.GetCurrentPositionAsync()).Should().Be(positions[^1]);
    }

    [Test]
    public async Task Current_position_is_the_newest_position_including_read_markers()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e1", 1);

        StoreWriteResult marker = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e1", 1), ReadMarkerWriteMode.ForwardOnly);

        (await Receipts.GetCurrentPositionAsync()).Should().Be(marker.Position);
    }

    // ---- GetReceiptsAsync -------------------------------------------------------------------------------------

    [Test]
    public async Task Since_zero_returns_every_current_receipt_of_the_requested_rooms_only()
    {
        RoomId room = Room();
        RoomId room2 = Room("two");
        RoomId unrequested = Room("unrequested");
        await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        await Advance(room, User("a"), ReceiptType.Read, "e2", 2);
        await Advance(room, User("b"), ReceiptType.ReadPrivate, "e1", 1);
        await Advance(room2, User("a"), ReceiptType.Read, "x1", 3, ThreadId.Main);
        await Advance(unrequested, User("a"), ReceiptType.Read, "u1", 4);
        StreamPosition upTo = await Receipts.GetCurrentPositionAsync();

        IReadOnlyList<StoredReceipt> all = await Receipts.GetReceiptsAsync([room, room2], StreamPosition.Zero, upTo);

        all.Select(r => (r.Receipt.Room, r.Receipt.User, r.Receipt.Type, r.Receipt.EventId)).Should().BeEquivalentTo(new[]
        {
            (room, User("a"), ReceiptType.Read, Event("e2")),
            (room, User("b"), ReceiptType.ReadPrivate, Event("e1")),
            (room2, User("a"), ReceiptType.Read, Event("x1")),
        });
    }

    [Test]
    public async Task Incremental_read_returns_only_keys_changed_in_the_range_each_once_with_current_values()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        await Advance(room, User("b"), ReceiptType.Read, "e1", 1);
        StreamPosition since = await Receipts.GetCurrentPositionAsync();

        await Advance(room, User("a"), ReceiptType.Read, "e2", 2);
        await Advance(room, User("a"), ReceiptType.Read, "e3", 3, ts: 333);
        await Advance(room, User("c"), ReceiptType.Read, "e2", 2);
        StreamPosition upTo = await Receipts.GetCurrentPositionAsync();

        IReadOnlyList<StoredReceipt> changes = await Receipts.GetReceiptsAsync([room], since, upTo);

        changes.Should().HaveCount(2);
        changes.Select(r => (r.Receipt.User, r.Receipt.EventId)).Should().BeEquivalentTo(new[] { (User("a"), Event("e3")), (User("c"), Event("e2")) });
        changes.Single(r => r.Receipt.User == User("a")).Receipt.Timestamp.Should().Be(333);
        changes.Should().OnlyContain(r => r.Position > since && r.Position <= upTo);
    }

    [Test]
    public async Task Range_excludes_changes_after_up_to_and_at_since()
    {
        RoomId room = Room();
        StoreWriteResult atSince = await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        StoreWriteResult inside = await Advance(room, User("b"), ReceiptType.Read, "e1", 1);
        StoreWriteResult upTo = await Advance(room, User("c"), ReceiptType.Read, "e1", 1);
        await Advance(room, User("d"), ReceiptType.Read, "e1", 1);

        IReadOnlyList<StoredReceipt> changes = await Receipts.GetReceiptsAsync([room], atSince.Position, upTo.Position);

        changes.Select(r => r.Receipt.User).Should().BeEquivalentTo(new[] { User("b"), User("c") });
        changes.Single(r => r.Receipt.User == User("b")).Position.Should().Be(inside.Position);
    }

    [Test]
    public async Task A_key_changed_after_up_to_is_not_returned_even_if_it_also_changed_inside_the_range()
    {
        // The row holds only the last change; a key whose last change is past upTo belongs to a later sync.
        RoomId room = Room();
        StreamPosition since = await Receipts.GetCurrentPositionAsync();
        StoreWriteResult inRange = await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        await Advance(room, User("a"), ReceiptType.Read, "e2", 2);

        IReadOnlyList<StoredReceipt> changes = await Receipts.GetReceiptsAsync([room], since, inRange.Position);

        changes.Should().BeEmpty();
    }

    [Test]
    public async Task Empty_room_list_returns_nothing()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e1", 1);

        IReadOnlyList<StoredReceipt> result = await Receipts.GetReceiptsAsync([], StreamPosition.Zero, await Receipts.GetCurrentPositionAsync());

        result.Should().BeEmpty();
    }

    [Test]
    public async Task Many_rooms_can_be_read_at_once()
    {
        var rooms = Enumerable.Range(0, 300).Select(i => Room($"r{i}")).ToList();
        foreach (RoomId room in rooms.Where((_, i) => i % 3 == 0))
        {
            await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        }

        IReadOnlyList<StoredReceipt> result = await Receipts.GetReceiptsAsync(rooms, StreamPosition.Zero, await Receipts.GetCurrentPositionAsync());

        result.Select(r => r.Receipt.Room).Should().BeEquivalentTo(rooms.Where((_, i) => i % 3 == 0));
    }

    [Test]
    public async Task User_receipts_cover_both_types_and_every_thread_of_that_user_and_room_only()
    {
        RoomId room = Room();
        await Advance(room, User("a"), ReceiptType.Read, "e1", 1);
        await Advance(room, User("a"), ReceiptType.ReadPrivate, "e2", 2);
        await Advance(room, User("a"), ReceiptType.Read, "e3", 3, ThreadId.Thread(Event("root")));
        await Advance(room, User("b"), ReceiptType.Read, "e4", 4);
        await Advance(Room("other"), User("a"), ReceiptType.Read, "e5", 5);

        IReadOnlyList<StoredReceipt> mine = await Receipts.GetUserReceiptsAsync(room, User("a"));

        mine.Select(r => r.Receipt.EventId).Should().BeEquivalentTo(new[] { Event("e1"), Event("e2"), Event("e3") });
        (await Receipts.GetUserReceiptsAsync(room, User("nobody"))).Should().BeEmpty();
    }

    // ---- round trip -------------------------------------------------------------------------------------------

    [Test]
    public async Task Identifiers_thread_ids_and_timestamps_round_trip_exactly()
    {
        // Room v3+ event IDs are base64 with '/' and '+'; IDs are opaque and case-sensitive, never normalised.
        RoomId room = RoomId.Parse($"!Mixed/Case+ü{_scope}");
        UserId user = UserId.Parse($"@Ünï.cödé_{_scope}:Example.ORG:8448");
        EventId eventId = EventId.Parse("$aB/c+dE_-ü😀漢字");
        ThreadId thread = ThreadId.Thread(EventId.Parse("$Root/+Z9ü:matrix.org"));
        const long ts = 9_007_199_254_740_991; // 2^53 - 1: the largest ts federation accepts

        await Receipts.TryAdvanceAsync(new ReceiptWrite(new Receipt(room, user, ReceiptType.ReadPrivate, eventId, thread, ts), long.MaxValue - 1));
        await Receipts.TryAdvanceAsync(new ReceiptWrite(new Receipt(room, user, ReceiptType.Read, eventId, ThreadId.Main, 0), 1));

        IReadOnlyList<StoredReceipt> stored = await Receipts.GetUserReceiptsAsync(room, user);
        stored.Select(r => r.Receipt).Should().BeEquivalentTo(new[]
        {
            new Receipt(room, user, ReceiptType.ReadPrivate, eventId, thread, ts),
            new Receipt(room, user, ReceiptType.Read, eventId, ThreadId.Main, 0),
        });
        stored.Single(r => r.Receipt.Type == ReceiptType.ReadPrivate).EventOrdering.Should().Be(long.MaxValue - 1);
        IReadOnlyList<StoredReceipt> viaRange = await Receipts.GetReceiptsAsync([room], StreamPosition.Zero, await Receipts.GetCurrentPositionAsync());
        viaRange.Select(r => r.Receipt).Should().BeEquivalentTo(stored.Select(r => r.Receipt));
    }

    [Test]
    public async Task Room_ids_differing_only_in_case_are_different_rooms()
    {
        RoomId lower = RoomId.Parse($"!abc{_scope}:example.org");
        RoomId upper = RoomId.Parse($"!ABC{_scope.ToUpperInvariant()}:example.org");
        await Receipts.TryAdvanceAsync(new ReceiptWrite(new Receipt(lower, User("a"), ReceiptType.Read, Event("e2"), ThreadId.Unthreaded, 1), 2));

        StoreWriteResult result = await Receipts.TryAdvanceAsync(new ReceiptWrite(new Receipt(upper, User("a"), ReceiptType.Read, Event("e1"), ThreadId.Unthreaded, 1), 1));

        result.Changed.Should().BeTrue();
        (await Receipts.GetUserReceiptsAsync(upper, User("a"))).Should().ContainSingle().Which.Receipt.EventId.Should().Be(Event("e1"));
    }

    // ---- read markers -----------------------------------------------------------------------------------------

    [Test]
    public async Task Read_marker_is_stored_and_read_back()
    {
        RoomId room = Room();
        StoreWriteResult result = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e3", 3), ReadMarkerWriteMode.ForwardOnly);

        result.Changed.Should().BeTrue();
        StoredReadMarker? stored = await ReadMarkers.GetAsync(room, User("a"));
        stored.Should().Be(new StoredReadMarker(Marker(room, User("a"), "e3", 3), result.Position));
        (await ReadMarkers.GetAsync(room, User("b"))).Should().BeNull();
        (await ReadMarkers.GetAsync(Room("other"), User("a"))).Should().BeNull();
    }

    [Test]
    public async Task Read_marker_moves_forward_only()
    {
        RoomId room = Room();
        StoreWriteResult first = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e5", 5), ReadMarkerWriteMode.ForwardOnly);
        StreamPosition current = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult backward = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e3", 3), ReadMarkerWriteMode.ForwardOnly);
        StoreWriteResult same = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e5", 5), ReadMarkerWriteMode.ForwardOnly);

        backward.Should().Be(StoreWriteResult.Unchanged);
        same.Should().Be(StoreWriteResult.Unchanged);
        (await Receipts.GetCurrentPositionAsync()).Should().Be(current);
        (await ReadMarkers.GetAsync(room, User("a"))).Should().Be(new StoredReadMarker(Marker(room, User("a"), "e5", 5), first.Position));

        StoreWriteResult forward = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e7", 7), ReadMarkerWriteMode.ForwardOnly);

        forward.Changed.Should().BeTrue();
        forward.Position.Should().BeGreaterThan(first.Position);
        (await ReadMarkers.GetAsync(room, User("a"))).Should().Be(new StoredReadMarker(Marker(room, User("a"), "e7", 7), forward.Position));
    }

    [Test]
    public async Task Replace_mode_moves_the_marker_backward_but_ignores_the_same_event()
    {
        RoomId room = Room();
        await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e5", 5), ReadMarkerWriteMode.ForwardOnly);

        StoreWriteResult backward = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e3", 3), ReadMarkerWriteMode.Replace);

        backward.Changed.Should().BeTrue();
        (await ReadMarkers.GetAsync(room, User("a"))).Should().Be(new StoredReadMarker(Marker(room, User("a"), "e3", 3), backward.Position));

        StoreWriteResult same = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e3", 3), ReadMarkerWriteMode.Replace);

        same.Should().Be(StoreWriteResult.Unchanged);
        (await ReadMarkers.GetAsync(room, User("a")))!.Position.Should().Be(backward.Position);
    }

    [Test]
    public async Task Replace_mode_sets_a_first_marker()
    {
        RoomId room = Room();

        StoreWriteResult result = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e3", 3), ReadMarkerWriteMode.Replace);

        result.Changed.Should().BeTrue();
        (await ReadMarkers.GetAsync(room, User("a")))!.Marker.EventId.Should().Be(Event("e3"));
    }

    [Test]
    public async Task Read_markers_are_kept_per_room_and_user()
    {
        RoomId room = Room();
        RoomId other = Room("other");
        await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e9", 9), ReadMarkerWriteMode.ForwardOnly);

        (await ReadMarkers.TrySetAsync(Marker(room, User("b"), "e1", 1), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeTrue();
        (await ReadMarkers.TrySetAsync(Marker(other, User("a"), "x1", 1), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeTrue();

        (await ReadMarkers.GetAsync(room, User("a")))!.Marker.EventId.Should().Be(Event("e9"));
        (await ReadMarkers.GetAsync(room, User("b")))!.Marker.EventId.Should().Be(Event("e1"));
        (await ReadMarkers.GetAsync(other, User("a")))!.Marker.EventId.Should().Be(Event("x1"));
    }

    [Test]
    public async Task Read_marker_changes_are_returned_per_user_within_the_range()
    {
        RoomId room = Room();
        RoomId other = Room("other");
        StoreWriteResult before = await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e1", 1), ReadMarkerWriteMode.ForwardOnly);
        await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e2", 2), ReadMarkerWriteMode.ForwardOnly);
        StoreWriteResult otherRoom = await ReadMarkers.TrySetAsync(Marker(other, User("a"), "x1", 1), ReadMarkerWriteMode.ForwardOnly);
        await ReadMarkers.TrySetAsync(Marker(room, User("b"), "e2", 2), ReadMarkerWriteMode.ForwardOnly);
        await Advance(room, User("a"), ReceiptType.Read, "e2", 2);
        StreamPosition upTo = await Receipts.GetCurrentPositionAsync();
        await ReadMarkers.TrySetAsync(Marker(Room("late"), User("a"), "l1", 1), ReadMarkerWriteMode.ForwardOnly);

        IReadOnlyList<StoredReadMarker> changes = await ReadMarkers.GetChangesAsync(User("a"), before.Position, upTo);

        changes.Select(c => c.Marker).Should().BeEquivalentTo(new[] { Marker(room, User("a"), "e2", 2), Marker(other, User("a"), "x1", 1) });
        changes.Single(c => c.Marker.Room == other).Position.Should().Be(otherRoom.Position);
        (await ReadMarkers.GetChangesAsync(User("a"), StreamPosition.Zero, upTo)).Should().HaveCount(2, "each (room, user) marker appears once, at its current value");
        (await ReadMarkers.GetChangesAsync(User("a"), upTo, upTo)).Should().BeEmpty();
    }

    [Test]
    public async Task Read_markers_do_not_appear_as_receipts()
    {
        RoomId room = Room();
        await ReadMarkers.TrySetAsync(Marker(room, User("a"), "e1", 1), ReadMarkerWriteMode.ForwardOnly);

        (await Receipts.GetReceiptsAsync([room], StreamPosition.Zero, await Receipts.GetCurrentPositionAsync())).Should().BeEmpty();
        (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().BeEmpty();
    }

    // ---- concurrency ------------------------------------------------------------------------------------------

    [Test]
    public async Task Parallel_writers_on_one_key_end_at_the_furthest_event_with_one_row()
    {
        RoomId room = Room();
        int[] orderings = Enumerable.Range(1, Writers).ToArray();
        Random.Shared.Shuffle(orderings);
        StreamPosition before = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult[] results = await Task.WhenAll(orderings.Select(o => Task.Run(() =>
            Receipts.TryAdvanceAsync(Write(room, User("a"), ReceiptType.Read, Event($"e{o}"), o, ThreadId.Unthreaded, o)).AsTask())));

        StoredReceipt stored = (await Receipts.GetUserReceiptsAsync(room, User("a"))).Should().ContainSingle().Subject;
        stored.Receipt.EventId.Should().Be(Event($"e{Writers}"));
        stored.EventOrdering.Should().Be(Writers);
        StreamPosition[] applied = results.Where(r => r.Changed).Select(r => r.Position).ToArray();
        applied.Should().NotBeEmpty().And.OnlyHaveUniqueItems().And.OnlyContain(p => p > before);
        stored.Position.Should().Be(applied.Max());
        (await Receipts.GetReceiptsAsync([room], before, await Receipts.GetCurrentPositionAsync())).Should().ContainSingle();
    }

    [Test]
    public async Task Parallel_writers_on_distinct_keys_get_distinct_positions()
    {
        RoomId room = Room();
        StreamPosition before = await Receipts.GetCurrentPositionAsync();

        StoreWriteResult[] results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() =>
            Receipts.TryAdvanceAsync(Write(room, User($"u{i}"), ReceiptType.Read, Event("e1"), 1, ThreadId.Unthreaded, i)).AsTask())));

        results.Should().OnlyContain(r => r.Changed);
        results.Select(r => r.Position).Should().OnlyHaveUniqueItems().And.OnlyContain(p => p > before);
        StreamPosition current = await Receipts.GetCurrentPositionAsync();
        current.Should().Be(results.Max(r => r.Position));
        IReadOnlyList<StoredReceipt> all = await Receipts.GetReceiptsAsync([room], before, current);
        all.Should().HaveCount(Writers);
        all.Select(r => r.Position).Should().BeEquivalentTo(results.Select(r => r.Position));
    }

    [Test]
    public async Task Parallel_receipt_and_read_marker_writers_share_one_stream_without_duplicates()
    {
        RoomId room = Room();
        StreamPosition before = await Receipts.GetCurrentPositionAsync();

        Task<StoreWriteResult>[] tasks = Enumerable.Range(0, Writers).Select(i => Task.Run(() => i % 2 == 0
            ? Receipts.TryAdvanceAsync(Write(room, User($"u{i}"), ReceiptType.Read, Event("e1"), 1, ThreadId.Unthreaded, i)).AsTask()
            : ReadMarkers.TrySetAsync(Marker(room, User($"u{i}"), "e1", 1), ReadMarkerWriteMode.ForwardOnly).AsTask())).ToArray();
        StoreWriteResult[] results = await Task.WhenAll(tasks);

        results.Should().OnlyContain(r => r.Changed);
        results.Select(r => r.Position).Should().OnlyHaveUniqueItems().And.OnlyContain(p => p > before);
        (await Receipts.GetCurrentPositionAsync()).Should().Be(results.Max(r => r.Position));
    }

    [Test]
    public async Task Parallel_read_marker_writers_on_one_key_end_at_the_furthest_event()
    {
        RoomId room = Room();
        int[] orderings = Enumerable.Range(1, Writers).ToArray();
        Random.Shared.Shuffle(orderings);

        await Task.WhenAll(orderings.Select(o => Task.Run(() =>
            ReadMarkers.TrySetAsync(Marker(room, User("a"), $"e{o}", o), ReadMarkerWriteMode.ForwardOnly).AsTask())));

        (await ReadMarkers.GetAsync(room, User("a")))!.Marker.Should().Be(Marker(room, User("a"), $"e{Writers}", Writers));
        (await ReadMarkers.GetChangesAsync(User("a"), StreamPosition.Zero, await Receipts.GetCurrentPositionAsync()))
            .Where(m => m.Marker.Room == room).Should().ContainSingle();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>A room ID unique to the running test.</summary>
    protected RoomId Room(string name = "room") => RoomId.Parse($"!{name}-{_scope}:example.org");

    /// <summary>A user ID unique to the running test.</summary>
    protected UserId User(string name) => UserId.Parse($"@{name}-{_scope}:example.org");

    /// <summary>An event ID (room v3+ shape).</summary>
    protected static EventId Event(string name) => EventId.Parse($"${name}");

    /// <summary>A read marker on <paramref name="eventName"/>.</summary>
    protected static ReadMarker Marker(RoomId room, UserId user, string eventName, long ordering) => new(room, user, Event(eventName), ordering);

    /// <summary>A receipt write.</summary>
    protected static ReceiptWrite Write(RoomId room, UserId user, ReceiptType type, EventId eventId, long? ordering, ThreadId thread, long ts) =>
        new(new Receipt(room, user, type, eventId, thread, ts), ordering);

    private ValueTask<StoreWriteResult> Advance(
        RoomId room, UserId user, ReceiptType type, string eventName, long? ordering, ThreadId thread = default, long ts = 1_700_000_000_000) =>
        Receipts.TryAdvanceAsync(Write(room, user, type, Event(eventName), ordering, thread, ts));
}
