using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Matrix.Receipts;

/// <summary>The read side's instruments on the <c>Matrix.Receipts</c> meter, and the module's activity source.</summary>
internal sealed class ReadSideMetrics
{
    public const string MeterName = "Matrix.Receipts";

    private readonly Counter<long> _stored;
    private readonly Counter<long> _readPointsAdvanced;

    public ReadSideMetrics(IMeterFactory? meterFactory = null)
    {
        // Without an IMeterFactory (the host did not call AddMetrics) the instruments still exist and a MeterListener can see them.
        Meter meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _stored = meter.CreateCounter<long>("matrix.receipts.stored", "{change}", "Receipts and read markers stored (applied writes only).");
        _readPointsAdvanced = meter.CreateCounter<long>("matrix.receipts.read_points.advanced", "{change}", "Read points that moved forward.");
    }

    public static ActivitySource ActivitySource { get; } = new(MeterName);

    public void Stored(string kind) => _stored.Add(1, new KeyValuePair<string, object?>("matrix.receipt.type", kind));

    public void ReadPointAdvanced() => _readPointsAdvanced.Add(1);
}
