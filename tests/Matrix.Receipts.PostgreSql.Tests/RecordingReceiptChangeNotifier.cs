using System.Collections.Concurrent;

namespace Matrix.Receipts.PostgreSql.Tests;

/// <summary>Records every change it is told about and lets a test wait for a given one.</summary>
internal sealed class RecordingReceiptChangeNotifier : IReceiptChangeNotifier
{
    private readonly ConcurrentQueue<(RoomId Room, StreamPosition Position)> _changes = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<RoomId, StreamPosition, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyCollection<(RoomId Room, StreamPosition Position)> Changes => _changes;

    public void OnChanged(RoomId roomId, StreamPosition position)
    {
        _changes.Enqueue((roomId, position));
        lock (_gate)
        {
            foreach ((Func<RoomId, StreamPosition, bool> match, TaskCompletionSource done) in _waiters)
            {
                if (match(roomId, position))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes when a change of <paramref name="roomId"/> at <paramref name="position"/> or later has been seen.</summary>
    public Task WaitForAsync(RoomId roomId, StreamPosition position)
    {
        TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add(((room, seen) => room == roomId && seen >= position, done));
            if (_changes.Any(c => c.Room == roomId && c.Position >= position))
            {
                done.TrySetResult();
            }
        }

        return done.Task;
    }
}
