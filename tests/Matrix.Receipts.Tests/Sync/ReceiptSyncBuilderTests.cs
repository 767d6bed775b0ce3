using System.Text;
using System.Text.Json;

namespace Matrix.Receipts.Tests.Sync;

[TestFixture]
public sealed class ReceiptSyncBuilderTests
{
    private const string Room1 = "!one:hs.test";
    private const string Room2 = "!two:hs.test";
    private const string Alice = "@alice:hs.test";
    private const string Bob = "@bob:hs.test";

    private static readonly ThreadId Thread = ThreadId.Thread(EventId.Parse("$root"));

    private ReadSide _side = null!;

    [SetUp]
    public void SetUp() => _side = new ReadSide();

    private static Dictionary<string, Dictionary<string, Dictionary<string, JsonElement>>> Content(ReceiptSync sync, string room)
    {
        ReceiptEventContent? content = sync.Rooms.TryGetValue(RoomId.Parse(room), out RoomReceiptSync? roomSync) ? roomSync.Receipts : null;
        if (content is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            content.WriteTo(writer);
        }

        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, JsonElement>>>>(buffer.ToArray())!;
    }

    /// <summary>Flattens a room's m.receipt content into "event type user [thread]" strings.</summary>
    private static string[] Entries(ReceiptSync sync, string room) =>
    [
        .. Content(sync, room).SelectMany(byEvent => byEvent.Value.SelectMany(byType => byType.Value.Select(byUser =>
            byUser.Value.TryGetProperty("thread_id", out JsonElement thread)
                ? $"{byEvent.Key} {byType.Key} {byUser.Key} {thread.GetString()}"
                : $"{byEvent.Key} {byType.Key} {byUser.Key}"))),
    ];

    [Test]
    public async Task Other_user_sees_m_read_but_never_m_read_private()
    {
        await _side.ReceiptAsync(Room1, Bob, "$pub", 1, ReceiptType.Read);
        await _side.ReceiptAsync(Room1, Bob, "$priv", 2, ReceiptType.ReadPrivate);

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        Entries(sync, Room1).Should().Equal($"$pub m.read {Bob}");
    }

    [Test]
    public async Task Owner_sees_their_own_m_read_private()
    {
        await _side.ReceiptAsync(Room1, Alice, "$priv", 2, ReceiptType.ReadPrivate);

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        Entries(sync, Room1).Should().Equal($"$priv m.read.private {Alice}");
    }

    [Test]
    public async Task Unknown_receipt_types_are_never_shown_even_to_their_owner()
    {
        // A store may hold legacy or unknown types (written by an older version or another server); the view is an allow-list.
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, new ReceiptType("org.matrix.msc2285.read.private"));
        await _side.ReceiptAsync(Room1, Alice, "$e1", 1, new ReceiptType("com.example.custom"));
        await _side.ReceiptAsync(Room1, Alice, "$e1", 1, ReceiptType.FullyRead);

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        sync.Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Receipt_event_has_type_and_content_and_no_room_id()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, timestamp: 1234);
        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            sync.Rooms[RoomId.Parse(Room1)].Receipts!.WriteEventTo(writer);
        }

        Encoding.UTF8.GetString(buffer.ToArray()).Should().Be(
            """{"type":"m.receipt","content":{"$e1":{"m.read":{"@bob:hs.test":{"ts":1234}}}}}""");
    }

    [Test]
    public async Task Thread_id_is_written_only_on_threaded_receipts()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        await _side.ReceiptAsync(Room1, Bob, "$e2", 2, thread: ThreadId.Main);
        await _side.ReceiptAsync(Room1, Bob, "$e3", 3, thread: Thread);

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        Entries(sync, Room1).Should().BeEquivalentTo($"$e1 m.read {Bob}", $"$e2 m.read {Bob} main", $"$e3 m.read {Bob} $root");
        Content(sync, Room1)["$e1"]["m.read"][Bob].EnumerateObject().Select(p => p.Name).Should().Equal("ts");
    }

    [Test]
    public async Task Initial_sync_returns_every_current_receipt_of_each_joined_room_and_next_batch_is_the_store_position()
    {
        await _side.ReceiptAsync(Room1, Bob, "$old", 1);
        await _side.ReceiptAsync(Room1, Bob, "$new", 2);
        await _side.ReceiptAsync(Room1, Alice, "$new", 2);
        await _side.ReceiptAsync(Room2, Bob, "$r2", 3);

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1, Room2);

        Entries(sync, Room1).Should().BeEquivalentTo($"$new m.read {Bob}", $"$new m.read {Alice}");
        Entries(sync, Room2).Should().Equal($"$r2 m.read {Bob}");
        sync.NextBatch.Should().Be(await _side.Memory.GetCurrentPositionAsync());
        sync.NextBatch.Value.Should().Be(4);
    }

    [Test]
    public async Task Rooms_the_user_is_not_joined_to_get_no_receipts_or_marker()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        await _side.ReceiptAsync(Room2, Bob, "$e2", 2);
        await _side.MarkerAsync(Room2, Alice, "$e2", 2);

        ReceiptSync initial = await _side.SyncAsync(Alice, null, Room1);
        await _side.ReceiptAsync(Room2, Bob, "$e3", 3);
        ReceiptSync incremental = await _side.SyncAsync(Alice, initial.NextBatch, Room1);

        initial.Rooms.Keys.Should().Equal(RoomId.Parse(Room1));
        incremental.Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Incremental_sync_returns_only_keys_changed_since_with_their_current_value()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        await _side.ReceiptAsync(Room1, Alice, "$e1", 1);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1, Room2);

        await _side.ReceiptAsync(Room1, Bob, "$e2", 2);
        await _side.ReceiptAsync(Room1, Bob, "$e3", 3);
        await _side.ReceiptAsync(Room2, Bob, "$x", 4);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1, Room2);

        Entries(second, Room1).Should().Equal($"$e3 m.read {Bob}");
        Entries(second, Room2).Should().Equal($"$x m.read {Bob}");
        second.NextBatch.Should().BeGreaterThan(first.NextBatch);
    }

    [Test]
    public async Task Consecutive_syncs_never_repeat_a_receipt()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);
        await _side.ReceiptAsync(Room1, Bob, "$e2", 2);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        ReceiptSync third = await _side.SyncAsync(Alice, second.NextBatch, Room1);

        Entries(first, Room1).Should().Equal($"$e1 m.read {Bob}");
        Entries(second, Room1).Should().Equal($"$e2 m.read {Bob}");
        third.Rooms.Should().BeEmpty();
        third.NextBatch.Should().Be(second.NextBatch);
    }

    [Test]
    public async Task Repeated_or_older_receipt_produces_no_delta()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e5", 5);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        (await _side.ReceiptAsync(Room1, Bob, "$e5", 5)).Changed.Should().BeFalse();
        (await _side.ReceiptAsync(Room1, Bob, "$e4", 4)).Changed.Should().BeFalse();
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        second.Rooms.Should().BeEmpty();
        second.NextBatch.Should().Be(first.NextBatch);
    }

    [Test]
    public async Task Private_receipt_change_is_no_delta_for_another_user()
    {
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, ReceiptType.ReadPrivate);
        ReceiptSync alice = await _side.SyncAsync(Alice, first.NextBatch, Room1);
        ReceiptSync bob = await _side.SyncAsync(Bob, first.NextBatch, Room1);

        alice.Rooms.Should().BeEmpty();
        Entries(bob, Room1).Should().Equal($"$e1 m.read.private {Bob}");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Initial_sync_shows_the_unthreaded_receipt_over_a_threaded_one_on_the_same_event(bool unthreadedFirst)
    {
        if (unthreadedFirst)
        {
            await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
            await _side.ReceiptAsync(Room1, Bob, "$e1", 1, thread: Thread);
        }
        else
        {
            await _side.ReceiptAsync(Room1, Bob, "$e1", 1, thread: Thread);
            await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        }

        ReceiptSync sync = await _side.SyncAsync(Alice, null, Room1);

        Entries(sync, Room1).Should().Equal($"$e1 m.read {Bob}");
    }

    [Test]
    public async Task Incremental_sync_hides_a_threaded_receipt_on_an_event_that_already_has_the_unthreaded_one()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, thread: Thread);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        Entries(first, Room1).Should().Equal($"$e1 m.read {Bob}");
        second.Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Incremental_sync_shows_the_unthreaded_receipt_arriving_after_a_threaded_one_on_the_same_event()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, thread: Thread);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        Entries(first, Room1).Should().Equal($"$e1 m.read {Bob} $root");
        Entries(second, Room1).Should().Equal($"$e1 m.read {Bob}");
    }

    [Test]
    public async Task Incremental_sync_with_both_keys_changed_on_one_event_shows_the_unthreaded_one()
    {
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1, thread: ThreadId.Main);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        Entries(second, Room1).Should().Equal($"$e1 m.read {Bob}");
    }

    [Test]
    public async Task Threaded_receipt_on_another_event_than_the_unthreaded_one_is_shown()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        await _side.ReceiptAsync(Room1, Bob, "$e2", 2, thread: Thread);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        Entries(second, Room1).Should().Equal($"$e2 m.read {Bob} $root");
    }

    [Test]
    public async Task Fully_read_marker_goes_to_its_owner_only()
    {
        await _side.MarkerAsync(Room1, Alice, "$e1", 1);

        ReceiptSync alice = await _side.SyncAsync(Alice, null, Room1);
        ReceiptSync bob = await _side.SyncAsync(Bob, null, Room1);

        alice.Rooms[RoomId.Parse(Room1)].Should().Be(new RoomReceiptSync(null, EventId.Parse("$e1")));
        bob.Rooms.Should().BeEmpty();
    }

    [Test]
    public async Task Fully_read_marker_is_sent_incrementally_only_for_rooms_where_it_changed()
    {
        await _side.MarkerAsync(Room1, Alice, "$a1", 1);
        await _side.MarkerAsync(Room2, Alice, "$b1", 1);
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1, Room2);

        await _side.MarkerAsync(Room2, Alice, "$b2", 2);
        await _side.ReceiptAsync(Room1, Bob, "$a2", 2);
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1, Room2);

        first.Rooms.Should().HaveCount(2);
        second.Rooms[RoomId.Parse(Room1)].FullyRead.Should().BeNull();
        Entries(second, Room1).Should().Equal($"$a2 m.read {Bob}");
        second.Rooms[RoomId.Parse(Room2)].Should().Be(new RoomReceiptSync(null, EventId.Parse("$b2")));
        _side.Store.Reset();
        await _side.SyncAsync(Alice, first.NextBatch, Room1, Room2);
        _side.Store.MarkerChangeQueries.Should().Be(1, "the markers of every room come from one query per sync");
    }

    [Test]
    public async Task Sync_since_before_the_index_started_still_returns_the_changes()
    {
        // Writes that happened before this process started (another process, or before a restart) never reached the index.
        await _side.Memory.TryAdvanceAsync(new ReceiptWrite(
            new Receipt(RoomId.Parse(Room1), UserId.Parse(Bob), ReceiptType.Read, EventId.Parse("$e1"), ThreadId.Unthreaded, 1), 1));
        await _side.Memory.TryAdvanceAsync(new ReceiptWrite(
            new Receipt(RoomId.Parse(Room2), UserId.Parse(Bob), ReceiptType.Read, EventId.Parse("$e2"), ThreadId.Unthreaded, 1), 2));

        ReceiptSync sync = await _side.SyncAsync(Alice, new StreamPosition(1), Room1, Room2);

        sync.Rooms.Keys.Should().Equal(RoomId.Parse(Room2));
        Entries(sync, Room2).Should().Equal($"$e2 m.read {Bob}");
    }

    [Test]
    public async Task Change_stored_but_not_yet_notified_is_not_lost()
    {
        ReceiptSync first = await _side.SyncAsync(Alice, null, Room1);

        // The store has handed out the position but the change notification has not reached the index yet.
        await _side.Memory.TryAdvanceAsync(new ReceiptWrite(
            new Receipt(RoomId.Parse(Room1), UserId.Parse(Bob), ReceiptType.Read, EventId.Parse("$e1"), ThreadId.Unthreaded, 1), 1));
        ReceiptSync second = await _side.SyncAsync(Alice, first.NextBatch, Room1);

        Entries(second, Room1).Should().Equal($"$e1 m.read {Bob}");
    }

    [Test]
    public async Task Sync_with_no_joined_rooms_is_empty()
    {
        await _side.ReceiptAsync(Room1, Bob, "$e1", 1);

        ReceiptSync sync = await _side.SyncAsync(Alice, null);

        sync.Rooms.Should().BeEmpty();
        sync.NextBatch.Value.Should().Be(1);
    }
}
