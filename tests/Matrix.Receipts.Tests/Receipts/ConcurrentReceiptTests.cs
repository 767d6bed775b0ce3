namespace Matrix.Receipts.Tests.Receipts;

[TestFixture]
public sealed class ConcurrentReceiptTests
{
    [Test]
    public async Task Concurrent_receipts_end_on_the_latest_event_and_report_each_applied_write_once()
    {
        using var h = new ReceiptsHarness();
        var events = new List<RoomEvent>();
        for (int i = 0; i < 40; i++)
        {
            events.Add(h.World.AddEvent(ReceiptsHarness.Room, "$c" + i));
        }

        // Shuffled so older receipts race newer ones.
        var random = new Random(7);
        RoomEvent[] order = [.. events.OrderBy(_ => random.Next())];
        MatrixResponse[] responses = await Task.WhenAll(order.Select(e => Task.Run(() => h.PostReceiptAsync("m.read", e.EventId.Value))));

        responses.Should().OnlyContain(r => r.StatusCode == 200);
        StoredReceipt final = (await h.ReceiptAsync(ReceiptType.Read, ThreadId.Unthreaded))!;
        final.Receipt.EventId.Should().Be(events[^1].EventId);
        (await h.Receipts.GetCurrentPositionAsync()).Should().Be(final.Position);
        h.Listener.Receipts.Select(r => r.Position).Should().OnlyHaveUniqueItems();
        h.Listener.Receipts.Max(r => r.Position).Should().Be(final.Position);
    }
}
