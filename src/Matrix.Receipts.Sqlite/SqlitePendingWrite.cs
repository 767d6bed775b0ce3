namespace Matrix.Receipts.Sqlite;

/// <summary>One queued write (a receipt or a fully-read marker) and the caller waiting for its batch to commit.</summary>
internal sealed class SqlitePendingWrite
{
    private SqlitePendingWrite(ReceiptWrite? receipt, ReadMarker? marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken)
    {
        Receipt = receipt;
        Marker = marker;
        MarkerMode = mode;
        CancellationToken = cancellationToken;
    }

    /// <summary>The receipt to store, or <see langword="null"/> for a marker write.</summary>
    public ReceiptWrite? Receipt { get; }

    /// <summary>The marker to store, or <see langword="null"/> for a receipt write.</summary>
    public ReadMarker? Marker { get; }

    public ReadMarkerWriteMode MarkerMode { get; }

    /// <summary>A write cancelled before its batch starts is dropped; once in a batch it commits with the others.</summary>
    public CancellationToken CancellationToken { get; }

    // Continuations run off the writer loop, so a slow caller never holds up the next batch.
    public TaskCompletionSource<StoreWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static SqlitePendingWrite ForReceipt(ReceiptWrite write, CancellationToken cancellationToken) =>
        new(write, null, default, cancellationToken);

    public static SqlitePendingWrite ForMarker(ReadMarker marker, ReadMarkerWriteMode mode, CancellationToken cancellationToken) =>
        new(null, marker, mode, cancellationToken);
}
