namespace Matrix.Receipts;

/// <summary>
/// Internal seam between the write side and the read side: the services call it after every applied store write,
/// and the read side wakes syncs, updates the per-room change index and tells <see cref="IReceiptObserver"/>s.
/// </summary>
internal interface IReceiptWriteListener
{
    ValueTask OnReceiptStoredAsync(StoredReceipt receipt, CancellationToken cancellationToken);

    ValueTask OnReadMarkerStoredAsync(StoredReadMarker marker, CancellationToken cancellationToken);
}
