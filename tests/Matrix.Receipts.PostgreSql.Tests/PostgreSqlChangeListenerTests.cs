using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Matrix.Receipts.PostgreSql.Tests.ReceiptFactory;

namespace Matrix.Receipts.PostgreSql.Tests;

[TestFixture]
public sealed class PostgreSqlChangeListenerTests
{
    // Generous for a loaded machine; a notification normally arrives within milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private PostgreSqlTestDatabase _database = null!;
    private RecordingReceiptChangeNotifier _notifierB = null!;
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
        _notifierB = new RecordingReceiptChangeNotifier();
        _instanceA = new PostgreSqlReceiptStore(_database.CreateDataSource(), new RecordingReceiptChangeNotifier());
        _instanceB = new PostgreSqlReceiptStore(_database.CreateDataSource(), _notifierB);
        await _instanceA.InitializeAsync();
        await _instanceB.InitializeAsync();
        await _instanceB.Listener!.Listening.WaitAsync(Patience);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
    }

    [Test]
    public async Task Receipt_written_on_one_instance_reaches_the_notifier_of_another()
    {
        Stopwatch elapsed = Stopwatch.StartNew();
        StoreWriteResult write = await _instanceA.TryAdvanceAsync(Read(3));
        TimeSpan written = elapsed.Elapsed;

        await _notifierB.WaitForAsync(Room, write.Position).WaitAsync(Patience);

        TestContext.Out.WriteLine($"durable write took {written.TotalMilliseconds:F1} ms; instance B was notified {elapsed.Elapsed.TotalMilliseconds:F1} ms after the write started");
        _notifierB.Changes.Should().Equal((Room, write.Position));
    }

    [Test]
    public async Task Read_marker_written_on_one_instance_reaches_the_notifier_of_another()
    {
        StoreWriteResult write = await _instanceA.TrySetAsync(Marker(3), ReadMarkerWriteMode.ForwardOnly);

        await _notifierB.WaitForAsync(Room, write.Position).WaitAsync(Patience);

        _notifierB.Changes.Should().Equal((Room, write.Position));
    }

    [Test]
    public async Task Writes_that_change_nothing_send_no_notification()
    {
        StoreWriteResult first = await _instanceA.TryAdvanceAsync(Read(5));
        (await _instanceA.TryAdvanceAsync(Read(4))).Changed.Should().BeFalse();
        (await _instanceA.TrySetAsync(Marker(2), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeTrue();
        (await _instanceA.TrySetAsync(Marker(1), ReadMarkerWriteMode.ForwardOnly)).Changed.Should().BeFalse();
        StoreWriteResult last = await _instanceA.TryAdvanceAsync(Read(6, user: Bob));

        await _notifierB.WaitForAsync(Room, last.Position).WaitAsync(Patience);

        // Notifications of one session arrive in commit order, so nothing can still be in flight before `last`.
        _notifierB.Changes.Select(c => c.Position.Value).Should().Equal(first.Position.Value, 2, last.Position.Value);
    }

    [Test]
    public async Task Listener_reconnects_after_losing_its_session_and_replays_changes_it_missed()
    {
        // Instance C waits for its reconnect delay on a fake clock, so a write can land while it is surely not listening.
        FakeTimeProvider clock = new();
        RecordingReceiptChangeNotifier notifierC = new();
        await using PostgreSqlReceiptStore instanceC = new(_database.CreateDataSource(), notifierC, timeProvider: clock);
        await instanceC.InitializeAsync();
        await instanceC.Listener!.Listening.WaitAsync(Patience);
        RoomId other = RoomId.Parse("!other:example.org");

        (await _database.ScalarAsync<bool>($"SELECT pg_terminate_backend({instanceC.Listener.BackendProcessId})")).Should().BeTrue();
        StoreWriteResult missed = await _instanceA.TryAdvanceAsync(Read(4, room: other));
        await _notifierB.WaitForAsync(other, missed.Position).WaitAsync(Patience);
        await Task.Delay(300);
        notifierC.Changes.Should().BeEmpty("the terminated session cannot receive the notification");

        Task replayed = notifierC.WaitForAsync(other, missed.Position);
        Stopwatch waited = Stopwatch.StartNew();
        while (!replayed.IsCompleted && waited.Elapsed < Patience)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(replayed, Task.Delay(100));
        }

        await replayed.WaitAsync(TimeSpan.Zero);
        StoreWriteResult afterwards = await _instanceA.TryAdvanceAsync(Read(5));
        await notifierC.WaitForAsync(Room, afterwards.Position).WaitAsync(Patience);
        instanceC.Listener.Connections.Should().Be(2);
    }

    [Test]
    public async Task Store_without_a_notifier_starts_no_listener()
    {
        string countListeners =
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{PostgreSqlChangeListener.ApplicationName}' AND datname = current_database()";
        long before = await _database.ScalarAsync<long>(countListeners);

        await using PostgreSqlReceiptStore store = new(_database.CreateDataSource());
        await store.TryAdvanceAsync(Read(1));

        store.Listener.Should().BeNull();
        (await _database.ScalarAsync<long>(countListeners)).Should().Be(before).And.Be(2, "only instances A and B listen");
    }
}
