namespace Matrix.Receipts;

/// <summary>
/// Optional, implemented by the homeserver: told when a user's read point advances, so it can reset notification
/// counts and send badge pushes. Called after the change is durable; an exception is logged and never fails the request.
/// </summary>
public interface IReceiptObserver
{
    /// <summary>A read point advanced.</summary>
    ValueTask OnReadPointAdvancedAsync(ReadPointAdvanced change, CancellationToken cancellationToken = default);
}
