namespace Matrix.Receipts;

/// <summary>
/// Applies a validated receipt: event lookup, visibility, the thread rule, then the monotonic store
/// (behaviour contract §2 checks 11–14). <c>m.fully_read</c> goes to the read-marker store.
/// </summary>
public sealed class ReceiptService
{
    /// <summary>Applies <paramref name="command"/>; <see langword="null"/> means 200 <c>{}</c>.</summary>
    public ValueTask<MatrixError?> ApplyAsync(ReceiptCommand command, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
