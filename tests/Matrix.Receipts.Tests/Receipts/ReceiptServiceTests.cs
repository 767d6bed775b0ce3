namespace Matrix.Receipts.Tests.Receipts;

/// <summary>Behaviour contract §2 checks 11–14 and §3's monotonic rule, through the host-neutral endpoint.</summary>
[TestFixture]
public sealed class ReceiptServiceTests
{
    private ReceiptsHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new ReceiptsHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [TestCase("m.read")]
    [TestCase("m.read.private")]
    public async Task Receipt_on_a_known_event_is_stored_with_the_server_clock_and_returns_200(string type)
    {
        (await _h.PostReceiptAsync(type, "$e2", "{\"ts\":5}")).ShouldBeOk();

        StoredReceipt stored = (await _h.ReceiptAsync(ReceiptType.FromString(type), ThreadId.Unthreaded))!;
        stored.Should().NotBeNull();
        stored.Receipt.EventId.Should().Be(_h.E2.EventId);
        stored.Receipt.User.Should().Be(ReceiptsHarness.AliceId);
        stored.Receipt.Room.Should().Be(ReceiptsHarness.RoomId);
        stored.Receipt.Timestamp.Should().Be(ReceiptsHarness.Start.ToUnixTimeMilliseconds());
        stored.EventOrdering.Should().Be(_h.E2.StreamOrdering);
        stored.Position.Should().BeGreaterThan(StreamPosition.Zero);
        _h.Listener.Receipts.Should().ContainSingle().Which.Should().Be(stored);
    }

    [TestCase("m.read")]
    [TestCase("m.read.private")]
    public async Task Receipt_on_an_unknown_event_returns_200_and_stores_nothing(string type)
    {
        (await _h.PostReceiptAsync(type, "$unknown")).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Receipt_on_a_purged_event_returns_200_and_stores_nothing()
    {
        _h.World.Purge(ReceiptsHarness.Room, "$e3");
        (await _h.PostReceiptAsync("m.read", "$e3")).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Receipt_on_an_event_of_another_room_returns_200_and_stores_nothing()
    {
        _h.World.AddRoom("!other:example.org", ReceiptsHarness.Alice);
        _h.World.AddEvent("!other:example.org", "$elsewhere");
        (await _h.PostReceiptAsync("m.read", "$elsewhere")).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Fully_read_on_an_unknown_event_is_404_not_found()
    {
        (await _h.PostReceiptAsync("m.fully_read", "$unknown")).ShouldBeError(404, MatrixErrorCode.NotFound);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [TestCase("m.read")]
    [TestCase("m.read.private")]
    [TestCase("m.fully_read")]
    public async Task User_who_cannot_see_the_event_gets_403_forbidden(string type)
    {
        (await _h.PostReceiptAsync(type, "$e1", token: ReceiptsHarness.BobToken)).ShouldBeError(403, MatrixErrorCode.Forbidden);
        (await _h.Receipts.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
        (await _h.ReceiptsOfAsync(ReceiptsHarness.Bob)).Should().BeEmpty();
        (await _h.FullyReadAsync(ReceiptsHarness.Bob)).Should().BeNull();
    }

    [Test]
    public async Task User_who_left_the_room_gets_403_forbidden()
    {
        _h.World.Leave(ReceiptsHarness.Room, ReceiptsHarness.Alice);
        (await _h.PostReceiptAsync("m.read", "$e1")).ShouldBeError(403, MatrixErrorCode.Forbidden);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Fully_read_on_the_receipt_route_sets_the_read_marker_and_no_receipt()
    {
        (await _h.PostReceiptAsync("m.fully_read", "$e2")).ShouldBeOk();

        StoredReadMarker marker = (await _h.FullyReadAsync())!;
        marker.Marker.Should().Be(new ReadMarker(ReceiptsHarness.RoomId, ReceiptsHarness.AliceId, _h.E2.EventId, _h.E2.StreamOrdering));
        (await _h.ReceiptsOfAsync()).Should().BeEmpty();
        _h.Listener.Markers.Should().ContainSingle().Which.Should().Be(marker);
    }

    [Test]
    public async Task Fully_read_on_the_receipt_route_only_moves_forward()
    {
        (await _h.PostReceiptAsync("m.fully_read", "$e3")).ShouldBeOk();
        (await _h.PostReceiptAsync("m.fully_read", "$e1")).ShouldBeOk();
        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E3.EventId);
        _h.Listener.Markers.Should().ContainSingle();
    }

    [Test]
    public async Task Older_receipt_is_ignored_and_returns_200()
    {
        (await _h.PostReceiptAsync("m.read", "$e3")).ShouldBeOk();
        StoredReceipt before = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        _h.Time.Advance(TimeSpan.FromSeconds(5));

        (await _h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();

        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded)).Should().Be(before);
        (await _h.Receipts.GetCurrentPositionAsync()).Should().Be(before.Position);
        _h.Listener.Receipts.Should().ContainSingle();
    }

    [Test]
    public async Task Repeated_receipt_returns_200_without_a_new_position_and_keeps_ts()
    {
        (await _h.PostReceiptAsync("m.read", "$e2")).ShouldBeOk();
        StoredReceipt before = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        _h.Time.Advance(TimeSpan.FromMinutes(1));

        (await _h.PostReceiptAsync("m.read", "$e2")).ShouldBeOk();

        StoredReceipt after = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        after.Should().Be(before);
        after.Receipt.Timestamp.Should().Be(ReceiptsHarness.Start.ToUnixTimeMilliseconds());
        (await _h.Receipts.GetCurrentPositionAsync()).Should().Be(before.Position);
        _h.Listener.Receipts.Should().ContainSingle();
    }

    [Test]
    public async Task Newer_receipt_replaces_the_stored_one_with_a_new_position_and_ts()
    {
        (await _h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();
        StoredReceipt first = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        _h.Time.Advance(TimeSpan.FromSeconds(3));

        (await _h.PostReceiptAsync("m.read", "$e3")).ShouldBeOk();

        StoredReceipt second = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        second.Receipt.EventId.Should().Be(_h.E3.EventId);
        second.Position.Should().BeGreaterThan(first.Position);
        second.Receipt.Timestamp.Should().Be(ReceiptsHarness.Start.AddSeconds(3).ToUnixTimeMilliseconds());
        _h.Listener.Receipts.Should().HaveCount(2);
    }

    [Test]
    public async Task Public_and_private_receipts_are_independent_keys()
    {
        (await _h.PostReceiptAsync("m.read.private", "$e3")).ShouldBeOk();
        (await _h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();

        (await _h.ReceiptAsync(ReceiptType.ReadPrivate, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E3.EventId);
        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E1.EventId);
    }

    [Test]
    public async Task Threaded_and_unthreaded_receipts_never_replace_each_other()
    {
        (await _h.PostReceiptAsync("m.read", "$e3")).ShouldBeOk();
        (await _h.PostReceiptAsync("m.read", "$e1", "{\"thread_id\":\"main\"}")).ShouldBeOk();

        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E3.EventId);
        StoredReceipt main = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Main))!;
        main.Receipt.EventId.Should().Be(_h.E1.EventId);
        main.Receipt.Thread.Should().Be(ThreadId.Main);
    }

    [Test]
    public async Task Unknown_body_keys_are_not_stored()
    {
        (await _h.PostReceiptAsync("m.read", "$e1", "{\"ts\":1,\"custom\":\"x\"}")).ShouldBeOk();
        StoredReceipt stored = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        stored.Receipt.Should().Be(new Receipt(
            ReceiptsHarness.RoomId, ReceiptsHarness.AliceId, ReceiptType.Read, _h.E1.EventId, ThreadId.Unthreaded, ReceiptsHarness.Start.ToUnixTimeMilliseconds()));
    }

    // Check order across the host checks.
    [Test]
    public async Task Thread_id_with_fully_read_on_an_unknown_event_is_400_not_404()
    {
        (await _h.PostReceiptAsync("m.fully_read", "$unknown", "{\"thread_id\":\"main\"}")).ShouldBeError(400, MatrixErrorCode.InvalidParam);
        _h.World.EventLookups.Should().Be(0);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Outsider_with_an_unrelated_thread_gets_403_not_400()
    {
        _h.World.AddEvent(ReceiptsHarness.Room, "$root");
        (await _h.PostReceiptAsync("m.read", "$e1", "{\"thread_id\":\"$root\"}", token: ReceiptsHarness.BobToken))
            .ShouldBeError(403, MatrixErrorCode.Forbidden);
        (await _h.Receipts.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
    }

    [Test]
    public async Task Unknown_event_with_an_unrelated_thread_is_200_and_stores_nothing()
    {
        (await _h.PostReceiptAsync("m.read", "$unknown", "{\"thread_id\":\"$e1\"}")).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Bad_room_id_with_bad_receipt_type_reports_the_room_id_and_looks_nothing_up()
    {
        MatrixResponse response = await _h.PostReceiptAsync("m.bogus", "$e1", room: "not-a-room");
        response.ShouldBeError(400, MatrixErrorCode.InvalidParam);
        response.ErrorMessage().Should().Contain("room");
        _h.World.EventLookups.Should().Be(0);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [TestCase("{\"thread_id\":\"\"}", 400, "M_INVALID_PARAM")]
    [TestCase("{\"thread_id\":\"nope\"}", 400, "M_INVALID_PARAM")]
    [TestCase("{\"a\":1,\"a\":1}", 400, "M_NOT_JSON")]
    [TestCase("[]", 400, "M_BAD_JSON")]
    [TestCase("{", 400, "M_NOT_JSON")]
    public async Task Rejected_body_answers_with_its_error_and_stores_nothing(string body, int status, string errcode)
    {
        (await _h.PostReceiptAsync("m.read", "$e1", body)).ShouldBeError(status, errcode);
        _h.World.EventLookups.Should().Be(0);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Oversized_body_is_413_and_stores_nothing()
    {
        using var small = new ReceiptsHarness(o => o.MaxBodyBytes = 16);
        (await small.PostReceiptAsync("m.read", "$e1", "{\"thread_id\":\"main\"}")).ShouldBeError(413, MatrixErrorCode.TooLarge);
        await small.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Service_refuses_a_threaded_fully_read_command_even_without_the_parser()
    {
        var service = (ReceiptService)_h.Services.GetService(typeof(ReceiptService))!;
        MatrixError? error = await service.ApplyAsync(new ReceiptCommand(
            ReceiptsHarness.AliceId, ReceiptsHarness.RoomId, ReceiptType.FullyRead, _h.E1.EventId, ThreadId.Main));
        error!.ErrorCode.Should().Be(MatrixErrorCode.InvalidParam);
        await _h.ShouldHaveStoredNothingAsync();
    }
}
