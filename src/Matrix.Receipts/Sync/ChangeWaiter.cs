namespace Matrix.Receipts;

/// <summary>One waiting long-poll: woken by a change after <see cref="Since"/> in any of its rooms.</summary>
internal sealed class ChangeWaiter(StreamPosition since)
{
    public StreamPosition Since { get; } = since;

    public TaskCompletionSource<bool> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
