namespace Matrix.Receipts.PostgreSql;

/// <summary>A receipt waiting in the group-commit queue, with the task its caller awaits.</summary>
internal sealed class PendingReceiptWrite(ReceiptWrite write, CancellationToken cancellationToken)
{
    public ReceiptWrite Write { get; } = write;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<StoreWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
