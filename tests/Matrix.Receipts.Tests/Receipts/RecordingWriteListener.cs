using System.Collections.Concurrent;

namespace Matrix.Receipts.Tests;

/// <summary>Records what the write side reports as applied.</summary>
internal sealed class RecordingWriteListener : IReceiptWriteListener
{
    public ConcurrentQueue<StoredReceipt> Receipts { get; } = new();

    public ConcurrentQueue<StoredReadMarker> Markers { get; } = new();

    public ValueTask OnReceiptStoredAsync(StoredReceipt receipt, CancellationToken cancellationToken)
    {
        Receipts.Enqueue(receipt);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnReadMarkerStoredAsync(StoredReadMarker marker, CancellationToken cancellationToken)
    {
        Markers.Enqueue(marker);
        return ValueTask.CompletedTask;
    }
}
