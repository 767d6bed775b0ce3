using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matrix.Receipts;

/// <summary>
/// Runs after every applied write: updates the per-room change index (which wakes waiting syncs) and tells the
/// host's <see cref="IReceiptObserver"/>s when the writer's read point moved forward.
/// </summary>
internal sealed class ReadSideWriteListener : IReceiptWriteListener
{
    private readonly RoomChangeTracker _tracker;
    private readonly IReceiptStore _store;
    private readonly IReceiptObserver[] _observers;
    private readonly ReadSideMetrics _metrics;
    private readonly ILogger _logger;

    public ReadSideWriteListener(
        RoomChangeTracker tracker,
        IReceiptStore store,
        IEnumerable<IReceiptObserver> observers,
        ReadSideMetrics metrics,
        ILogger<ReadSideWriteListener>? logger = null)
    {
        _tracker = tracker;
        _store = store;
        _observers = [.. observers];
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async ValueTask OnReceiptStoredAsync(StoredReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt stored = receipt.Receipt;
        _tracker.OnChanged(stored.Room, receipt.Position);
        _metrics.Stored(stored.Type.Value);

        if (_observers.Length == 0 || receipt.EventOrdering is not long ordering)
        {
            return;
        }

        // The key itself only moves forward, so the read point advanced exactly when the new receipt is later than
        // every other receipt that counts for its timeline (a lagging m.read behind an m.read.private does not).
        IReadOnlyList<StoredReceipt> all = await _store.GetUserReceiptsAsync(stored.Room, stored.User, cancellationToken).ConfigureAwait(false);
        StoredReceipt? other = ReadPointService.Latest(all, stored.Thread, ReceiptKey.Of(stored));
        if (other is not null && other.EventOrdering >= ordering)
        {
            return;
        }

        _metrics.ReadPointAdvanced();
        var change = new ReadPointAdvanced(stored.Room, stored.User, stored.Thread, new ReadPoint(stored.EventId, ordering));
        foreach (IReceiptObserver observer in _observers)
        {
            try
            {
                await observer.OnReadPointAdvancedAsync(change, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The host's observer must never fail a stored receipt (IReceiptObserver contract).
            catch (Exception exception)
#pragma warning restore CA1031
            {
                ReadSideLog.ObserverFailed(_logger, exception, stored.User, stored.Room, stored.Thread);
            }
        }
    }

    public ValueTask OnReadMarkerStoredAsync(StoredReadMarker marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marker);
        _tracker.OnChanged(marker.Marker.Room, marker.Position);
        _metrics.Stored(ReceiptType.FullyRead.Value);
        return ValueTask.CompletedTask;
    }
}
