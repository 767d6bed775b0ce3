namespace Matrix.Receipts;

/// <summary>One receipt as shown in <c>m.receipt</c>: <c>{"ts": ..., "thread_id"?: ...}</c>.</summary>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
/// <param name="Thread">The thread; <c>thread_id</c> is written only for threaded receipts.</param>
public readonly record struct ReceiptData(long Timestamp, ThreadId Thread);
