namespace Matrix.Receipts.Tests.ReadMarkers;

/// <summary>Behaviour contract §5: <c>POST /read_markers</c>.</summary>
[TestFixture]
public sealed class ReadMarkersTests
{
    private ReceiptsHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new ReceiptsHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task All_three_keys_are_applied()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"m.read\":\"$e2\",\"m.read.private\":\"$e3\"}")).ShouldBeOk();

        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E1.EventId);
        StoredReceipt read = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        read.Receipt.EventId.Should().Be(_h.E2.EventId);
        read.Receipt.Timestamp.Should().Be(ReceiptsHarness.Start.ToUnixTimeMilliseconds());
        (await _h.ReceiptAsync(ReceiptType.ReadPrivate, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E3.EventId);
    }

    [Test]
    public async Task Keys_are_applied_in_the_order_fully_read_read_read_private()
    {
        (await _h.PostReadMarkersAsync("{\"m.read.private\":\"$e3\",\"m.read\":\"$e2\",\"m.fully_read\":\"$e1\"}")).ShouldBeOk();

        StoredReadMarker marker = (await _h.FullyReadAsync())!;
        StoredReceipt read = (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        StoredReceipt readPrivate = (await _h.ReceiptAsync(ReceiptType.ReadPrivate, ThreadId.Unthreaded))!;
        marker.Position.Should().BeLessThan(read.Position);
        read.Position.Should().BeLessThan(readPrivate.Position);
    }

    [Test]
    public async Task Empty_object_returns_200_and_changes_nothing()
    {
        (await _h.PostReadMarkersAsync("{}")).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Empty_body_returns_200_and_changes_nothing()
    {
        (await _h.PostReadMarkersAsync(string.Empty)).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [TestCase("{\"m.fully_read\":null,\"m.read\":\"\",\"other\":\"$e1\"}")]
    [TestCase("{\"m.read.private\":null}")]
    [TestCase("{\"unknown\":{\"m.read\":\"$e1\"}}")]
    public async Task Null_empty_and_unknown_keys_mean_not_set(string body)
    {
        (await _h.PostReadMarkersAsync(body)).ShouldBeOk();
        await _h.ShouldHaveStoredNothingAsync();
    }

    [TestCase("{\"m.fully_read\":1}")]
    [TestCase("{\"m.read\":true}")]
    [TestCase("{\"m.read.private\":[\"$e1\"]}")]
    [TestCase("{\"m.read\":{\"event_id\":\"$e1\"}}")]
    [TestCase("{\"m.fully_read\":\"e1\"}")]
    [TestCase("{\"m.read\":\"$a:bad server\"}")]
    [TestCase("{\"m.read\":\"$e1\",\"m.read.private\":\"nope\"}")]
    public async Task Non_string_or_malformed_event_id_is_400_invalid_param_and_nothing_is_applied(string body)
    {
        (await _h.PostReadMarkersAsync(body)).ShouldBeError(400, MatrixErrorCode.InvalidParam);
        _h.World.EventLookups.Should().Be(0);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Malformed_room_id_is_400_invalid_param() =>
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e1\"}", room: "room")).ShouldBeError(400, MatrixErrorCode.InvalidParam);

    [TestCase("{", 400, "M_NOT_JSON")]
    [TestCase("{\"m.read\":\"$e1\",\"m.read\":\"$e2\"}", 400, "M_NOT_JSON")]
    [TestCase("[\"$e1\"]", 400, "M_BAD_JSON")]
    public async Task Invalid_body_is_refused_like_on_the_receipt_route(string body, int status, string errcode)
    {
        (await _h.PostReadMarkersAsync(body)).ShouldBeError(status, errcode);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Fully_read_on_an_unknown_event_is_404_and_no_other_key_is_applied()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$unknown\",\"m.read\":\"$e2\"}")).ShouldBeError(404, MatrixErrorCode.NotFound);
        await _h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Outsider_gets_403_for_any_key_and_nothing_is_applied()
    {
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e2\"}", token: ReceiptsHarness.BobToken)).ShouldBeError(403, MatrixErrorCode.Forbidden);
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e2\"}", token: ReceiptsHarness.BobToken)).ShouldBeError(403, MatrixErrorCode.Forbidden);
        (await _h.Receipts.GetCurrentPositionAsync()).Should().Be(StreamPosition.Zero);
        (await _h.FullyReadAsync(ReceiptsHarness.Bob)).Should().BeNull();
    }

    [Test]
    public async Task Read_receipt_that_cannot_be_seen_cancels_an_earlier_valid_fully_read_key()
    {
        // A host whose visibility rule hides $e3 from Alice while she stays joined.
        using var h = new ReceiptsHarness();
        var rooms = new HidingRooms(h.World, h.E3.EventId);
        var service = new ReadMarkerService(
            rooms,
            h.Markers,
            new ReadReceiptWriter(rooms, h.Receipts, new ThreadRule(rooms, Microsoft.Extensions.Options.Options.Create(new MatrixReceiptsOptions())), h.Time, []),
            Microsoft.Extensions.Options.Options.Create(new MatrixReceiptsOptions()),
            []);

        MatrixError? error = await service.ApplyAsync(new ReadMarkersCommand(ReceiptsHarness.AliceId, ReceiptsHarness.RoomId, FullyRead: h.E1.EventId, Read: h.E2.EventId, ReadPrivate: h.E3.EventId));

        error!.StatusCode.Should().Be(403);
        await h.ShouldHaveStoredNothingAsync();
    }

    [Test]
    public async Task Unknown_read_receipt_event_is_skipped_and_the_other_keys_are_applied()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e2\",\"m.read\":\"$unknown\",\"m.read.private\":\"$e1\"}")).ShouldBeOk();
        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E2.EventId);
        (await _h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded)).Should().BeNull();
        (await _h.ReceiptAsync(ReceiptType.ReadPrivate, ThreadId.Unthreaded))!.Receipt.EventId.Should().Be(_h.E1.EventId);
    }

    [Test]
    public async Task Fully_read_marker_moves_forward_only()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e3\"}")).ShouldBeOk();
        StoredReadMarker before = (await _h.FullyReadAsync())!;

        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\"}")).ShouldBeOk();
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e3\"}")).ShouldBeOk();

        (await _h.FullyReadAsync()).Should().Be(before);
        _h.Listener.Markers.Should().ContainSingle();
    }

    [Test]
    public async Task Read_markers_receipts_are_unthreaded_and_monotonic()
    {
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e3\"}")).ShouldBeOk();
        (await _h.PostReadMarkersAsync("{\"m.read\":\"$e1\"}")).ShouldBeOk();
        StoredReceipt read = (await _h.ReceiptsOfAsync()).Should().ContainSingle().Subject;
        read.Receipt.Thread.Should().Be(ThreadId.Unthreaded);
        read.Receipt.EventId.Should().Be(_h.E3.EventId);
    }

    [Test]
    public async Task Stored_marker_on_a_purged_event_is_replaced_by_an_older_event()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e3\"}")).ShouldBeOk();
        _h.World.Purge(ReceiptsHarness.Room, "$e3");

        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\"}")).ShouldBeOk();

        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E1.EventId);
    }

    [Test]
    public async Task Backward_flag_is_ignored_when_msc4446_is_off()
    {
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e3\"}")).ShouldBeOk();
        (await _h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"com.beeper.allow_backward\":true}")).ShouldBeOk();
        (await _h.PostReadMarkersAsync("{\"com.beeper.allow_backward\":\"yes\"}")).ShouldBeOk();
        (await _h.FullyReadAsync())!.Marker.EventId.Should().Be(_h.E3.EventId);
    }

    [Test]
    public async Task Backward_flag_moves_the_marker_back_when_msc4446_is_on()
    {
        using var h = new ReceiptsHarness(o => o.AllowBackwardFullyReadMarker = true);
        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e3\"}")).ShouldBeOk();

        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\"}")).ShouldBeOk();
        (await h.FullyReadAsync())!.Marker.EventId.Should().Be(h.E3.EventId);

        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"com.beeper.allow_backward\":false}")).ShouldBeOk();
        (await h.FullyReadAsync())!.Marker.EventId.Should().Be(h.E3.EventId);

        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"com.beeper.allow_backward\":true}")).ShouldBeOk();
        (await h.FullyReadAsync())!.Marker.EventId.Should().Be(h.E1.EventId);
    }

    [TestCase("\"true\"")]
    [TestCase("1")]
    [TestCase("null")]
    [TestCase("{}")]
    public async Task Non_boolean_backward_flag_is_400_when_msc4446_is_on(string value)
    {
        using var h = new ReceiptsHarness(o => o.AllowBackwardFullyReadMarker = true);
        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"com.beeper.allow_backward\":" + value + "}")).ShouldBeError(400, MatrixErrorCode.InvalidParam);
        await h.ShouldHaveStoredNothingAsync();
    }

    /// <summary>A host whose history visibility hides one event from everyone.</summary>
    private sealed class HidingRooms(IHomeserverRooms inner, EventId hidden) : IHomeserverRooms
    {
        public ValueTask<RoomEvent?> FindEventAsync(RoomId roomId, EventId eventId, CancellationToken cancellationToken = default) =>
            inner.FindEventAsync(roomId, eventId, cancellationToken);

        public ValueTask<bool> IsJoinedAsync(UserId userId, RoomId roomId, CancellationToken cancellationToken = default) =>
            inner.IsJoinedAsync(userId, roomId, cancellationToken);

        public ValueTask<IReadOnlyCollection<RoomId>> GetJoinedRoomsAsync(UserId userId, CancellationToken cancellationToken = default) =>
            inner.GetJoinedRoomsAsync(userId, cancellationToken);

        public ValueTask<bool> CanSeeEventAsync(UserId userId, RoomId roomId, RoomEvent roomEvent, CancellationToken cancellationToken = default) =>
            roomEvent.EventId == hidden ? ValueTask.FromResult(false) : inner.IsJoinedAsync(userId, roomId, cancellationToken);
    }
}
