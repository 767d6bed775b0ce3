using Microsoft.Extensions.DependencyInjection;

namespace Matrix.Receipts.Tests.Receipts;

/// <summary>What the write side stores reaches the sync view through the registered read side.</summary>
[TestFixture]
public sealed class WriteToSyncTests
{
    [Test]
    public async Task Receipt_and_marker_written_through_the_endpoint_appear_in_the_next_sync()
    {
        using var h = new ReceiptsHarness();
        ReceiptSyncBuilder sync = h.Services.GetRequiredService<ReceiptSyncBuilder>();
        RoomId[] rooms = [ReceiptsHarness.RoomId];
        ReceiptSync initial = await sync.BuildAsync(ReceiptsHarness.AliceId, rooms, null);

        (await h.PostReadMarkersAsync("{\"m.fully_read\":\"$e1\",\"m.read\":\"$e2\"}")).ShouldBeOk();

        ReceiptSync next = await sync.BuildAsync(ReceiptsHarness.AliceId, rooms, initial.NextBatch);
        RoomReceiptSync room = next.Rooms[ReceiptsHarness.RoomId];
        room.FullyRead.Should().Be(h.E1.EventId);
        room.Receipts!.Events[h.E2.EventId][ReceiptType.Read].Should().ContainKey(ReceiptsHarness.AliceId);
    }

    [Test]
    public async Task Older_receipt_produces_no_sync_change()
    {
        using var h = new ReceiptsHarness();
        ReceiptSyncBuilder sync = h.Services.GetRequiredService<ReceiptSyncBuilder>();
        RoomId[] rooms = [ReceiptsHarness.RoomId];
        (await h.PostReceiptAsync("m.read", "$e3")).ShouldBeOk();
        ReceiptSync after = await sync.BuildAsync(ReceiptsHarness.AliceId, rooms, null);

        (await h.PostReceiptAsync("m.read", "$e1")).ShouldBeOk();

        ReceiptSync next = await sync.BuildAsync(ReceiptsHarness.AliceId, rooms, after.NextBatch);
        next.NextBatch.Should().Be(after.NextBatch);
        next.Rooms.Should().NotContainKey(ReceiptsHarness.RoomId);
    }
}
