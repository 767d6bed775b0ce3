using Matrix.Receipts.Tests.Sync;
using Microsoft.Extensions.Logging;

namespace Matrix.Receipts.Tests.ReadPoints;

[TestFixture]
public sealed class ReadPointObserverTests
{
    private const string Room = "!room:hs.test";
    private const string Alice = "@alice:hs.test";
    private static readonly ThreadId Thread = ThreadId.Thread(EventId.Parse("$root"));

    [Test]
    public async Task Observer_is_told_when_the_read_point_advances()
    {
        var observer = new RecordingObserver();
        var side = new ReadSide([observer]);

        await side.ReceiptAsync(Room, Alice, "$e1", 1);
        await side.ReceiptAsync(Room, Alice, "$t2", 2, thread: Thread);

        observer.Told.Should().Equal(
            new ReadPointAdvanced(RoomId.Parse(Room), UserId.Parse(Alice), ThreadId.Unthreaded, new ReadPoint(EventId.Parse("$e1"), 1)),
            new ReadPointAdvanced(RoomId.Parse(Room), UserId.Parse(Alice), Thread, new ReadPoint(EventId.Parse("$t2"), 2)));
    }

    [Test]
    public async Task Observer_is_not_told_about_an_ignored_receipt()
    {
        var observer = new RecordingObserver();
        var side = new ReadSide([observer]);
        await side.ReceiptAsync(Room, Alice, "$e5", 5);
        observer.Told.Clear();

        await side.ReceiptAsync(Room, Alice, "$e5", 5);
        await side.ReceiptAsync(Room, Alice, "$e4", 4);

        observer.Told.Should().BeEmpty();
    }

    [Test]
    public async Task Observer_is_not_told_when_a_stored_receipt_lags_behind_the_read_point()
    {
        var observer = new RecordingObserver();
        var side = new ReadSide([observer]);
        await side.ReceiptAsync(Room, Alice, "$e8", 8, ReceiptType.ReadPrivate);
        await side.ReceiptAsync(Room, Alice, "$t9", 9, thread: Thread);
        observer.Told.Clear();

        // Both are applied writes (new keys) that leave their timeline's read point where it was.
        (await side.ReceiptAsync(Room, Alice, "$e6", 6, ReceiptType.Read)).Changed.Should().BeTrue();
        (await side.ReceiptAsync(Room, Alice, "$e8", 8, ReceiptType.Read)).Changed.Should().BeTrue();
        (await side.ReceiptAsync(Room, Alice, "$t7", 7, ReceiptType.ReadPrivate, Thread)).Changed.Should().BeTrue();

        observer.Told.Should().BeEmpty();
    }

    [Test]
    public async Task Thread_receipt_behind_the_unthreaded_one_does_not_advance_the_thread()
    {
        var observer = new RecordingObserver();
        var side = new ReadSide([observer]);
        await side.ReceiptAsync(Room, Alice, "$e8", 8);
        observer.Told.Clear();

        (await side.ReceiptAsync(Room, Alice, "$t3", 3, thread: Thread)).Changed.Should().BeTrue();
        (await side.ReceiptAsync(Room, Alice, "$m9", 9, thread: ThreadId.Main)).Changed.Should().BeTrue();

        observer.Told.Should().Equal(
            new ReadPointAdvanced(RoomId.Parse(Room), UserId.Parse(Alice), ThreadId.Main, new ReadPoint(EventId.Parse("$m9"), 9)));
    }

    [Test]
    public async Task Remote_receipt_without_ordering_tells_no_observer()
    {
        var observer = new RecordingObserver();
        var side = new ReadSide([observer]);

        (await side.ReceiptAsync(Room, Alice, "$unknown", null)).Changed.Should().BeTrue();

        observer.Told.Should().BeEmpty();
    }

    [Test]
    public async Task Failing_observer_is_logged_and_swallowed_and_the_others_are_still_told()
    {
        var failing = new RecordingObserver(fail: true);
        var healthy = new RecordingObserver();
        var logger = new RecordingLogger<ReadSideWriteListener>();
        var side = new ReadSide([failing, healthy], logger);

        StoreWriteResult result = await side.ReceiptAsync(Room, Alice, "$e1", 1);

        result.Changed.Should().BeTrue();
        failing.Told.Should().ContainSingle();
        healthy.Told.Should().ContainSingle();
        logger.Entries.Should().ContainSingle().Which.Should().Match<(LogLevel Level, Microsoft.Extensions.Logging.EventId EventId, Exception? Exception)>(
            e => e.Level == LogLevel.Error && e.EventId.Id == 3001 && e.Exception is InvalidOperationException);
        (await side.Memory.GetUserReceiptsAsync(RoomId.Parse(Room), UserId.Parse(Alice))).Should().ContainSingle();
    }
}
