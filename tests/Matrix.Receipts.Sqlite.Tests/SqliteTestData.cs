using Microsoft.Data.Sqlite;

namespace Matrix.Receipts.Sqlite.Tests;

/// <summary>Receipts, markers and raw connections for the SQLite-specific tests.</summary>
internal static class SqliteTestData
{
    public static readonly RoomId Room = RoomId.Parse("!room:example.org");

    public static UserId User(int n) => UserId.Parse($"@user{n}:example.org");

    public static ReceiptWrite Receipt(int user, string eventId, long? ordering, ThreadId thread = default, long ts = 1_700_000_000_000) =>
        new(new Receipt(Room, User(user), ReceiptType.Read, EventId.Parse(eventId), thread, ts), ordering);

    public static ReadMarker Marker(int user, string eventId, long ordering) => new(Room, User(user), EventId.Parse(eventId), ordering);

    /// <summary>A connection of its own (not pooled), as another process would have.</summary>
    public static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static int Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
