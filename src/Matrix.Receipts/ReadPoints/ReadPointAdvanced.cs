namespace Matrix.Receipts;

/// <summary>Told to <see cref="IReceiptObserver"/>: a user's read point of a timeline moved forward.</summary>
/// <param name="Room">The room.</param>
/// <param name="User">The reader.</param>
/// <param name="Thread">The timeline: <see cref="ThreadId.Main"/> or a thread; an unthreaded receipt is reported as <see cref="ThreadId.Unthreaded"/> (it advances every timeline of the room).</param>
/// <param name="ReadPoint">The new read point.</param>
public sealed record ReadPointAdvanced(RoomId Room, UserId User, ThreadId Thread, ReadPoint ReadPoint);
