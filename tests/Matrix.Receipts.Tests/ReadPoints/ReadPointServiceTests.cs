using Matrix.Receipts.Tests.Sync;

namespace Matrix.Receipts.Tests.ReadPoints;

[TestFixture]
public sealed class ReadPointServiceTests
{
    private const string Room = "!room:hs.test";
    private const string Alice = "@alice:hs.test";
    private static readonly ThreadId Thread = ThreadId.Thread(EventId.Parse("$root"));
    private static readonly ThreadId OtherThread = ThreadId.Thread(EventId.Parse("$other"));

    private ReadSide _side = null!;

    [SetUp]
    public void SetUp() => _side = new ReadSide();

    private ValueTask<ReadPoint?> ReadPointAsync(ThreadId thread) =>
        _side.ReadPoints.GetReadPointAsync(RoomId.Parse(Room), UserId.Parse(Alice), thread);

    [Test]
    public async Task No_receipt_means_no_read_point()
    {
        await _side.ReceiptAsync(Room, "@bob:hs.test", "$e1", 1);

        (await ReadPointAsync(ThreadId.Main)).Should().BeNull();
    }

    [Test]
    public async Task Unthreaded_receipt_sets_the_read_point_of_every_timeline()
    {
        await _side.ReceiptAsync(Room, Alice, "$e5", 5);

        ReadPoint expected = new(EventId.Parse("$e5"), 5);
        (await ReadPointAsync(ThreadId.Unthreaded)).Should().Be(expected);
        (await ReadPointAsync(ThreadId.Main)).Should().Be(expected);
        (await ReadPointAsync(Thread)).Should().Be(expected);
    }

    [Test]
    public async Task Main_receipt_counts_for_main_only()
    {
        await _side.ReceiptAsync(Room, Alice, "$e5", 5, thread: ThreadId.Main);

        (await ReadPointAsync(ThreadId.Main)).Should().Be(new ReadPoint(EventId.Parse("$e5"), 5));
        (await ReadPointAsync(ThreadId.Unthreaded)).Should().BeNull();
        (await ReadPointAsync(Thread)).Should().BeNull();
    }

    [Test]
    public async Task Thread_receipt_counts_for_its_thread_only()
    {
        await _side.ReceiptAsync(Room, Alice, "$t7", 7, thread: Thread);

        (await ReadPointAsync(Thread)).Should().Be(new ReadPoint(EventId.Parse("$t7"), 7));
        (await ReadPointAsync(OtherThread)).Should().BeNull();
        (await ReadPointAsync(ThreadId.Main)).Should().BeNull();
    }

    [Test]
    public async Task Read_point_is_the_later_of_the_unthreaded_and_the_thread_receipt()
    {
        await _side.ReceiptAsync(Room, Alice, "$e5", 5);
        await _side.ReceiptAsync(Room, Alice, "$t3", 3, thread: Thread);
        await _side.ReceiptAsync(Room, Alice, "$m9", 9, thread: ThreadId.Main);

        (await ReadPointAsync(Thread)).Should().Be(new ReadPoint(EventId.Parse("$e5"), 5));
        (await ReadPointAsync(ThreadId.Main)).Should().Be(new ReadPoint(EventId.Parse("$m9"), 9));
        (await ReadPointAsync(ThreadId.Unthreaded)).Should().Be(new ReadPoint(EventId.Parse("$e5"), 5));
    }

    [Test]
    public async Task Private_receipt_counts_and_a_lagging_public_one_never_rewinds_it()
    {
        await _side.ReceiptAsync(Room, Alice, "$e8", 8, ReceiptType.ReadPrivate);
        await _side.ReceiptAsync(Room, Alice, "$e4", 4, ReceiptType.Read);

        (await ReadPointAsync(ThreadId.Main)).Should().Be(new ReadPoint(EventId.Parse("$e8"), 8));

        await _side.ReceiptAsync(Room, Alice, "$e9", 9, ReceiptType.Read);
        (await ReadPointAsync(ThreadId.Main)).Should().Be(new ReadPoint(EventId.Parse("$e9"), 9));
    }

    [Test]
    public async Task Private_thread_receipt_counts_for_its_thread()
    {
        await _side.ReceiptAsync(Room, Alice, "$e2", 2);
        await _side.ReceiptAsync(Room, Alice, "$t6", 6, ReceiptType.ReadPrivate, Thread);

        (await ReadPointAsync(Thread)).Should().Be(new ReadPoint(EventId.Parse("$t6"), 6));
    }

    [Test]
    public async Task Remote_receipt_without_ordering_is_ignored()
    {
        await _side.ReceiptAsync(Room, Alice, "$e2", 2, thread: ThreadId.Main);
        await _side.ReceiptAsync(Room, Alice, "$unknown", null);

        (await ReadPointAsync(ThreadId.Main)).Should().Be(new ReadPoint(EventId.Parse("$e2"), 2));
        (await ReadPointAsync(ThreadId.Unthreaded)).Should().BeNull();
    }
}
