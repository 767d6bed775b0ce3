using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Matrix.Receipts.Sqlite;

/// <summary>
/// The versioned schema. Each migration runs once, in order, inside one write transaction, and is recorded in
/// <c>schema_migrations</c>; a database written by a newer package version is refused rather than guessed at.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this package writes and reads.</summary>
    public const int CurrentVersion = 2;

    // Index i upgrades version i to version i + 1. Never edit a shipped step: add a new one.
    private static readonly string[] Migrations =
    [
        // 1: the stream counter, receipts and fully-read markers.
        """
        CREATE TABLE stream (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL
        );
        INSERT INTO stream (id, position) VALUES (1, 0);

        -- thread_id is '' for an unthreaded receipt: SQL NULLs are never equal, so NULL would let the
        -- unthreaded key hold several rows. Identifiers compare as BINARY (case-sensitive, never normalised).
        CREATE TABLE receipts (
            room_id TEXT NOT NULL,
            receipt_type TEXT NOT NULL,
            user_id TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_ordering INTEGER NULL,
            ts INTEGER NOT NULL,
            stream_position INTEGER NOT NULL,
            PRIMARY KEY (room_id, receipt_type, user_id, thread_id)
        ) WITHOUT ROWID;

        CREATE TABLE read_markers (
            room_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_ordering INTEGER NOT NULL,
            stream_position INTEGER NOT NULL,
            PRIMARY KEY (room_id, user_id)
        ) WITHOUT ROWID;
        """,

        // 2: incremental sync reads by (room, position) and account data by (user, position).
        """
        CREATE INDEX receipts_room_position ON receipts (room_id, stream_position);
        CREATE INDEX read_markers_user_position ON read_markers (user_id, stream_position);
        """,
    ];

    /// <summary>
    /// Brings the database to <paramref name="targetVersion"/> and returns the version it was at.
    /// Throws <see cref="InvalidOperationException"/> when the database is newer than this package.
    /// </summary>
    public static int Migrate(SqliteConnection connection, TimeProvider timeProvider, int targetVersion = CurrentVersion)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, CurrentVersion);

        // IMMEDIATE takes the write lock first, so two processes opening one new file cannot both migrate it.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                applied_at_ms INTEGER NOT NULL
            );
            """);

        int found = ReadVersion(connection, transaction);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The receipts database '{connection.DataSource}' has schema version {found}, but this version of Matrix.Receipts.Sqlite supports schema version {CurrentVersion} at most. Upgrade the package, or point it at another database file."));
        }

        for (int version = found; version < targetVersion; version++)
        {
            Execute(connection, transaction, Migrations[version]);
            using SqliteCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, applied_at_ms) VALUES ($version, $at);";
            record.Parameters.AddWithValue("$version", version + 1);
            record.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return found;
    }

    /// <summary>The version recorded in the database (0 for a new file).</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
