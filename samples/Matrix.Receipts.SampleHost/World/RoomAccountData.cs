using System.Collections.Concurrent;

namespace Matrix.Receipts.SampleHost;

/// <summary>Room account data other than <c>m.fully_read</c> (which lives in the read-marker store), in memory.</summary>
internal sealed class RoomAccountData
{
    private readonly ConcurrentDictionary<(UserId User, RoomId Room, string Type), byte[]> _content = new();

    public void Set(UserId userId, RoomId roomId, string type, byte[] contentJson) => _content[(userId, roomId, type)] = contentJson;

    public byte[]? Get(UserId userId, RoomId roomId, string type) =>
        _content.TryGetValue((userId, roomId, type), out byte[]? content) ? content : null;
}
