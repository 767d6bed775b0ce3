using System.Collections.Concurrent;

namespace Matrix.Receipts.Tests.ReadPoints;

/// <summary>A host observer that records what it is told, and can be made to fail.</summary>
internal sealed class RecordingObserver(bool fail = false) : IReceiptObserver
{
    public ConcurrentQueue<ReadPointAdvanced> Told { get; } = new();

    public ValueTask OnReadPointAdvancedAsync(ReadPointAdvanced change, CancellationToken cancellationToken = default)
    {
        Told.Enqueue(change);
        return fail ? throw new InvalidOperationException("observer broke") : ValueTask.CompletedTask;
    }
}
