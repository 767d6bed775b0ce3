namespace Matrix.Receipts;

/// <summary>The outcome of a conditional store write.</summary>
/// <param name="Changed">Whether the write was applied (the receipt or marker moved forward).</param>
/// <param name="Position">The new stream position when <paramref name="Changed"/>; otherwise <see cref="StreamPosition.Zero"/>.</param>
public readonly record struct StoreWriteResult(bool Changed, StreamPosition Position)
{
    /// <summary>The write was a no-op (older, or a repeat).</summary>
    public static StoreWriteResult Unchanged => default;
}
