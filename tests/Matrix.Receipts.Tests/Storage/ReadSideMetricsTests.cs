using System.Diagnostics.Metrics;
using Matrix.Receipts.Tests.Sync;

namespace Matrix.Receipts.Tests.Storage;

[TestFixture]
public sealed class ReadSideMetricsTests
{
    [Test]
    public async Task Stored_counter_counts_applied_writes_only()
    {
        var side = new ReadSide();
        var counted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Matrix.Receipts" && instrument.Name == "matrix.receipts.stored")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counted)
            {
                counted.Add($"{tags[0].Value}:{value}");
            }
        });
        listener.Start();

        await side.ReceiptAsync("!r:hs.test", "@a:hs.test", "$e2", 2);
        await side.ReceiptAsync("!r:hs.test", "@a:hs.test", "$e1", 1);
        await side.MarkerAsync("!r:hs.test", "@a:hs.test", "$e2", 2);

        lock (counted)
        {
            counted.Should().Equal("m.read:1", "m.fully_read:1");
        }
    }
}
