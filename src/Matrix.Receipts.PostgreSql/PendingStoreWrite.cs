namespace Matrix.Receipts.PostgreSql;

/// <summary>A receipt or read marker waiting in the group-commit queue, with the task its caller awaits.</summary>
internal sealed class PendingStoreWrite
{
    public PendingStoreWrite(ReceiptWrite receipt, CancellationToken cancellationToken)
    {
        Receipt = receipt;
        CancellationToken = cancellationToken;
    }

    public PendingStoreWrite(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken)
    {
        Marker = marker;
        Mode = mode;
        CancellationToken = cancellationToken;
    }

    /// <summary>The receipt to store, or <see langword="null"/> for a read marker.</summary>
    public ReceiptWrite? Receipt { get; }

    /// <summary>The read marker to store, or <see langword="null"/> for a receipt.</summary>
    public ReadMarker? Marker { get; }

    public ReadMarkerWriteMode Mode { get; }

    public CancellationToken CancellationToken { get; }

    public TaskCompletionSource<StoreWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
